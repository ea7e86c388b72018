#!/usr/bin/env python3
"""A small HTTPS server that speaks the Kubernetes list API, for Bulkhead's live-scan tests.

Standard library only (python3 is on every build machine): real TLS with a test CA,
client-certificate and bearer-token authentication, discovery, pagination with `limit` and
`continue`, and faults on demand. It logs every request (method, path, how it
authenticated; never a credential) so tests can check what Bulkhead asked for.

  server.py --cert server.pem --key server-key.pem --ca ca.pem --fixture objects.json
            [--faults faults.json] [--tokens a,b] [--client-cn bulkhead-test] [--log requests.log]

Prints "PORT <n>" once listening on 127.0.0.1.

Fixture: {"resources": {"<group>/<version>/<resource>": [objects...]}} with "" as the group
of the core API, e.g. "/v1/pods", "apps/v1/deployments".

Faults: {"<resource>": [{"type": T, "times": N, ...}]}; the first fault whose `times` is not
used up applies to a request for that resource. Types: status (with `status`,
`retry_after`), gone (410 on a request carrying a continue token), drop (close the
connection without answering), truncate (a body cut in half), slow (wait `seconds`).
"""
import argparse
import base64
import json
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()


def load(path):
    with open(path) as f:
        return json.load(f)


class State:
    def __init__(self, args):
        self.fixture = load(args.fixture)["resources"]
        self.faults = load(args.faults) if args.faults else {}
        self.tokens = set(filter(None, (args.tokens or "").split(",")))
        self.client_cn = args.client_cn
        self.log = open(args.log, "a", buffering=1) if args.log else None


def discovery(resources):
    groups = {}
    core = []
    for key in resources:
        group, version, resource = key.split("/")
        kind = resources_kind(resource)
        entry = {"name": resource, "namespaced": resource not in ("namespaces", "globalnetworkpolicies", "ciliumclusterwidenetworkpolicies",
                                                                   "adminnetworkpolicies", "baselineadminnetworkpolicies"),
                 "kind": kind, "verbs": ["get", "list"], "singularName": ""}
        if group == "":
            core.append(entry)
        else:
            groups.setdefault((group, version), []).append(entry)
    return core, groups


KINDS = {"namespaces": "Namespace", "pods": "Pod", "services": "Service", "networkpolicies": "NetworkPolicy",
         "deployments": "Deployment", "statefulsets": "StatefulSet", "daemonsets": "DaemonSet", "replicasets": "ReplicaSet",
         "jobs": "Job", "cronjobs": "CronJob", "replicationcontrollers": "ReplicationController",
         "adminnetworkpolicies": "AdminNetworkPolicy", "baselineadminnetworkpolicies": "BaselineAdminNetworkPolicy",
         "ciliumnetworkpolicies": "CiliumNetworkPolicy", "ciliumclusterwidenetworkpolicies": "CiliumClusterwideNetworkPolicy",
         "globalnetworkpolicies": "GlobalNetworkPolicy"}


def resources_kind(resource):
    return KINDS.get(resource, resource.capitalize())


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, fmt, *args):
        pass

    def authenticate(self):
        cert = self.connection.getpeercert() if hasattr(self.connection, "getpeercert") else None
        if cert:
            for rdn in cert.get("subject", ()):
                for key, value in rdn:
                    if key == "commonName" and value == self.state.client_cn:
                        return "client-certificate"
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer ") and auth[7:].strip() in self.state.tokens:
            return "bearer"
        return None

    def send_json(self, status, obj, extra_headers=None):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra_headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def status(self, code, reason, message, extra=None):
        self.send_json(code, {"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": message,
                              "reason": reason, "code": code}, extra)

    def take_fault(self, resource, has_continue):
        with lock:
            for fault in self.state.faults.get(resource, []):
                if fault.get("type") == "gone" and not has_continue:
                    continue
                times = fault.get("times")
                if times is not None:
                    if times <= 0:
                        continue
                    fault["times"] = times - 1
                return dict(fault)
        return None

    def do_GET(self):
        auth = self.authenticate()
        parsed = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(parsed.query)
        if self.state.log:
            self.state.log.write(f"GET {parsed.path} auth={auth or 'none'}\n")
        if auth is None:
            return self.status(401, "Unauthorized", "Unauthorized")
        path = parsed.path.rstrip("/")
        resources = self.state.fixture
        core, groups = discovery(resources)
        if path == "/version":
            return self.send_json(200, {"major": "1", "minor": "31", "gitVersion": "v1.31.4-test", "platform": "linux/amd64"})
        if path == "/api":
            return self.send_json(200, {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [
                {"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]})
        if path == "/api/v1":
            return self.send_json(200, {"kind": "APIResourceList", "groupVersion": "v1", "resources": core})
        if path == "/apis":
            names = {}
            for (g, v) in groups:
                names.setdefault(g, []).append(v)
            return self.send_json(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": [
                {"name": g, "versions": [{"groupVersion": f"{g}/{v}", "version": v} for v in vs],
                 "preferredVersion": {"groupVersion": f"{g}/{vs[0]}", "version": vs[0]}} for g, vs in sorted(names.items())]})
        parts = path.split("/")
        if parts[1:2] == ["apis"] and len(parts) == 4:
            entries = groups.get((parts[2], parts[3]))
            if entries is None:
                return self.status(404, "NotFound", "the server could not find the requested resource")
            return self.send_json(200, {"kind": "APIResourceList", "groupVersion": f"{parts[2]}/{parts[3]}", "resources": entries})
        # Lists: /api/v1/<r>, /apis/<g>/<v>/<r>, and namespaced /api/v1/namespaces/<ns>/<r>.
        namespace = None
        if parts[1:3] == ["api", "v1"]:
            group, version, rest = "", "v1", parts[3:]
        elif parts[1:2] == ["apis"] and len(parts) >= 5:
            group, version, rest = parts[2], parts[3], parts[4:]
        else:
            return self.status(404, "NotFound", "the server could not find the requested resource")
        if len(rest) == 3 and rest[0] == "namespaces":
            namespace, rest = rest[1], rest[2:]
        if len(rest) == 2 and rest[0] == "namespaces" and group == "":
            items = [o for o in resources.get("/v1/namespaces", []) if o["metadata"]["name"] == rest[1]]
            if not items:
                return self.status(404, "NotFound", f'namespaces "{rest[1]}" not found')
            return self.send_json(200, dict(items[0], kind="Namespace", apiVersion="v1"))
        if len(rest) != 1:
            return self.status(404, "NotFound", "the server could not find the requested resource")
        resource = rest[0]
        key = f"{group}/{version}/{resource}"
        if key not in resources:
            return self.status(404, "NotFound", "the server could not find the requested resource")
        token = query.get("continue", [None])[0]
        fault = self.take_fault(resource, token is not None)
        if fault:
            kind = fault["type"]
            if kind == "status":
                extra = {"Retry-After": str(fault["retry_after"])} if "retry_after" in fault else None
                code = fault["status"]
                reason = {403: "Forbidden", 429: "TooManyRequests", 500: "InternalError", 503: "ServiceUnavailable"}.get(code, "Error")
                message = f'{resource} is forbidden: User "test" cannot list resource "{resource}" in API group "{group}" at the cluster scope' \
                    if code == 403 else "injected fault"
                return self.status(code, reason, message, extra)
            if kind == "gone":
                return self.status(410, "Expired", "The provided continue parameter is too old")
            if kind == "drop":
                self.close_connection = True
                self.connection.close()
                return
            if kind == "slow":
                time.sleep(float(fault.get("seconds", 2)))
        items = resources[key]
        if namespace is not None:
            items = [o for o in items if o.get("metadata", {}).get("namespace") == namespace]
        limit = int(query.get("limit", ["0"])[0] or 0)
        start = int(base64.b64decode(token).decode()) if token else 0
        end = len(items) if limit <= 0 else min(len(items), start + limit)
        metadata = {"resourceVersion": "1000"}
        if end < len(items):
            metadata["continue"] = base64.b64encode(str(end).encode()).decode()
            metadata["remainingItemCount"] = len(items) - end
        # The real API omits kind and apiVersion on list items.
        page = [{k: v for k, v in o.items() if k not in ("kind", "apiVersion")} for o in items[start:end]]
        kind = resources_kind(resource) + "List"
        body = {"kind": kind, "apiVersion": version if group == "" else f"{group}/{version}", "metadata": metadata, "items": page}
        if fault and fault["type"] == "truncate":
            raw = json.dumps(body).encode()
            raw = raw[: len(raw) // 2]
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)
            return
        self.send_json(200, body)

    def do_POST(self):
        self.method_not_allowed()

    def do_PUT(self):
        self.method_not_allowed()

    def do_DELETE(self):
        self.method_not_allowed()

    def do_PATCH(self):
        self.method_not_allowed()

    def method_not_allowed(self):
        if self.state.log:
            self.state.log.write(f"{self.command} {self.path}\n")
        self.status(405, "MethodNotAllowed", "this test server only answers GET")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--ca", required=True)
    p.add_argument("--fixture", required=True)
    p.add_argument("--faults")
    p.add_argument("--tokens")
    p.add_argument("--client-cn", default="bulkhead-test")
    p.add_argument("--log")
    p.add_argument("--port", type=int, default=0)
    args = p.parse_args()
    Handler.state = State(args)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    context.load_verify_locations(args.ca)
    context.verify_mode = ssl.CERT_OPTIONAL
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
