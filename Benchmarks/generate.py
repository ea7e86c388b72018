#!/usr/bin/env python3
"""Deterministic generator of realistic cluster state, as one `kubectl get -o json` List.

  generate.py SIZE OUT.json [--seed N]      SIZE: S (200 namespaces, 4,000 pods),
                                            M (500, 25,000), L (2,000, 100,000)

Namespaces with labels; Deployments, their ReplicaSets and pods with realistic metadata
(owner references, managedFields, annotations, named container ports, pod IPs, phases);
Services (some LoadBalancer or NodePort); and a mix of namespace styles: locked down (default
deny both ways, explicit allows, DNS), ingress-only, partially covered, no policy, and sloppy
(allow-all, namespaceSelector: {}, 0.0.0.0/0, a typo'd selector).
"""
import json
import random
import sys

SIZES = {"S": (200, 20), "M": (500, 50), "L": (2000, 50)}  # namespaces, pods per namespace
STYLES = ["locked"] * 45 + ["ingress-only"] * 20 + ["partial"] * 15 + ["none"] * 10 + ["sloppy"] * 10


def managed_fields(manager, ts):
    return [{"manager": manager, "operation": "Update", "apiVersion": "v1", "time": ts, "fieldsType": "FieldsV1",
             "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:app": {}, "f:pod-template-hash": {}},
                                         "f:ownerReferences": {".": {}, "k:{\"uid\":\"x\"}": {}}},
                          "f:spec": {"f:containers": {"k:{\"name\":\"app\"}": {".": {}, "f:image": {}, "f:imagePullPolicy": {},
                                                                                 "f:name": {}, "f:ports": {".": {}}, "f:resources": {}}}},
                          "f:status": {"f:conditions": {}, "f:containerStatuses": {}, "f:podIP": {}, "f:podIPs": {}}}}]


def policy(ns, name, spec):
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"name": name, "namespace": ns, "uid": f"np-{ns}-{name}", "resourceVersion": "1",
                         "creationTimestamp": "2026-01-01T00:00:00Z", "generation": 1},
            "spec": spec}


def generate(size, seed, out):
    rng = random.Random(seed)
    namespaces, per_ns = SIZES[size]
    apps_per_ns = max(1, per_ns // 5)
    ts = "2026-11-01T10:00:00Z"
    first = True

    def emit(obj):
        nonlocal first
        out.write("" if first else ",\n")
        first = False
        out.write(json.dumps(obj, separators=(",", ":")))

    out.write('{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[\n')
    emit({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "kube-system", "uid": "kube-system-uid",
          "labels": {"kubernetes.io/metadata.name": "kube-system"}}})
    emit({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "calico-node", "namespace": "kube-system"},
          "spec": {"template": {"metadata": {"labels": {"k8s-app": "calico-node"}},
                                "spec": {"hostNetwork": True, "containers": [{"name": "calico-node", "image": "docker.io/calico/node:v3.28.0"}]}}}})
    pod_ip = 0
    for n in range(namespaces):
        ns = f"team-{n:04d}"
        style = STYLES[rng.randrange(len(STYLES))]
        team = f"team-{n % 97}"
        emit({"apiVersion": "v1", "kind": "Namespace",
              "metadata": {"name": ns, "uid": f"ns-{n}", "resourceVersion": str(1000 + n), "creationTimestamp": ts,
                           "labels": {"kubernetes.io/metadata.name": ns, "team": team, "env": rng.choice(["prod", "staging", "dev"])},
                           "annotations": {"owner": f"{team}@example.com"}},
              "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}})
        for a in range(apps_per_ns):
            app = f"app-{a}"
            tier = ["web", "api", "worker", "db", "cache"][a % 5]
            labels = {"app": app, "tier": tier, "team": team}
            ports = [{"name": "http", "containerPort": 8080, "protocol": "TCP"}, {"name": "metrics", "containerPort": 9090, "protocol": "TCP"}]
            dep_uid, rs_uid = f"d-{n}-{a}", f"rs-{n}-{a}"
            template = {"metadata": {"labels": dict(labels, **{"pod-template-hash": "7d9f8c"})},
                        "spec": {"containers": [{"name": "app", "image": f"registry.example/{team}/{app}:1.{a}", "ports": ports,
                                                 "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}}]}}
            emit({"apiVersion": "apps/v1", "kind": "Deployment",
                  "metadata": {"name": app, "namespace": ns, "uid": dep_uid, "generation": 3, "labels": labels,
                               "annotations": {"deployment.kubernetes.io/revision": "3"}, "managedFields": managed_fields("kubectl", ts)},
                  "spec": {"replicas": 5, "selector": {"matchLabels": {"app": app}}, "template": template},
                  "status": {"replicas": 5, "readyReplicas": 5}})
            emit({"apiVersion": "apps/v1", "kind": "ReplicaSet",
                  "metadata": {"name": f"{app}-7d9f8c", "namespace": ns, "uid": rs_uid, "labels": labels,
                               "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": app, "uid": dep_uid, "controller": True,
                                                    "blockOwnerDeletion": True}],
                               "managedFields": managed_fields("kube-controller-manager", ts)},
                  "spec": {"replicas": 5, "selector": {"matchLabels": {"app": app}}, "template": template}})
            for r in range(per_ns // apps_per_ns):
                pod_ip += 1
                ip = f"10.{(pod_ip >> 16) & 255}.{(pod_ip >> 8) & 255}.{pod_ip & 255}"
                phase = "Succeeded" if rng.random() < 0.01 else "Running"
                emit({"apiVersion": "v1", "kind": "Pod",
                      "metadata": {"name": f"{app}-7d9f8c-{r:05d}", "namespace": ns, "uid": f"p-{n}-{a}-{r}", "resourceVersion": str(pod_ip),
                                   "creationTimestamp": ts, "labels": dict(labels, **{"pod-template-hash": "7d9f8c"}),
                                   "annotations": {"kubectl.kubernetes.io/restartedAt": ts, "prometheus.io/scrape": "true"},
                                   "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": f"{app}-7d9f8c", "uid": rs_uid,
                                                        "controller": True, "blockOwnerDeletion": True}],
                                   "managedFields": managed_fields("kubelet", ts)},
                      "spec": {"containers": [{"name": "app", "image": f"registry.example/{team}/{app}:1.{a}", "ports": ports,
                                               "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}},
                                               "volumeMounts": [{"name": "kube-api-access", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}]}],
                               "nodeName": f"node-{pod_ip % 300}", "serviceAccountName": "default", "restartPolicy": "Always",
                               "volumes": [{"name": "kube-api-access", "projected": {"sources": [{"serviceAccountToken": {"path": "token"}}]}}]},
                      "status": {"phase": phase, "hostIP": f"192.168.{(pod_ip % 300) // 250}.{pod_ip % 250}", "podIP": ip, "podIPs": [{"ip": ip}],
                                 "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": ts}],
                                 "containerStatuses": [{"name": "app", "ready": True, "restartCount": 0, "image": f"registry.example/{team}/{app}:1.{a}",
                                                        "state": {"running": {"startedAt": ts}}}]}})
            if a % 5 == 0:
                kind = rng.choice(["ClusterIP", "ClusterIP", "ClusterIP", "LoadBalancer", "NodePort"])
                emit({"apiVersion": "v1", "kind": "Service", "metadata": {"name": app, "namespace": ns, "uid": f"s-{n}-{a}"},
                      "spec": {"type": kind, "selector": {"app": app}, "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}]}})
        # Policies by style.
        dns = {"to": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
                       "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}], "ports": [{"protocol": "UDP", "port": 53}]}
        if style == "locked":
            emit(policy(ns, "default-deny", {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}))
            emit(policy(ns, "allow-dns", {"podSelector": {}, "policyTypes": ["Egress"], "egress": [dns]}))
            emit(policy(ns, "web-from-ingress", {"podSelector": {"matchLabels": {"tier": "web"}}, "ingress": [
                {"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}], "ports": [{"port": "http"}]}]}))
            emit(policy(ns, "api-from-web", {"podSelector": {"matchLabels": {"tier": "api"}}, "ingress": [
                {"from": [{"podSelector": {"matchLabels": {"tier": "web"}}}], "ports": [{"port": 8080}]}]}))
            emit(policy(ns, "web-to-api", {"podSelector": {"matchLabels": {"tier": "web"}}, "policyTypes": ["Egress"], "egress": [
                {"to": [{"podSelector": {"matchLabels": {"tier": "api"}}}], "ports": [{"port": 8080}]}]}))
        elif style == "ingress-only":
            emit(policy(ns, "default-deny-ingress", {"podSelector": {}, "policyTypes": ["Ingress"]}))
            emit(policy(ns, "same-namespace", {"podSelector": {}, "ingress": [{"from": [{"podSelector": {}}]}]}))
        elif style == "partial":
            emit(policy(ns, "db-only", {"podSelector": {"matchLabels": {"tier": "db"}}, "ingress": [
                {"from": [{"podSelector": {"matchLabels": {"tier": "api"}}}], "ports": [{"port": 5432}]}]}))
        elif style == "sloppy":
            emit(policy(ns, "allow-all", {"podSelector": {}, "ingress": [{}]}))
            emit(policy(ns, "metrics-from-anywhere", {"podSelector": {}, "ingress": [{"from": [{"namespaceSelector": {}}], "ports": [{"port": "metrics"}]}]}))
            emit(policy(ns, "internet", {"podSelector": {"matchLabels": {"tier": "web"}}, "policyTypes": ["Egress"],
                                         "egress": [{"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}]}]}))
            emit(policy(ns, "typo", {"podSelector": {"matchLabels": {"app": "ap-0"}}, "ingress": [{"from": [{"podSelector": {"matchLabels": {"tier": "wbe"}}}]}]}))
    out.write("\n]}\n")


if __name__ == "__main__":
    size, path = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    with open(path, "w") as f:
        generate(size, seed, f)
