@testable import BulkheadScanner
import BulkheadCore
import Foundation

/// Certificates made with openssl for one test run: a CA, a server certificate for 127.0.0.1
/// and kubernetes.test, a client certificate the server accepts, and a second CA nobody uses.
final class TestPKI: @unchecked Sendable {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = [TestAPIServer.supportFile("make-pki.sh"), directory.path]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw TestError("openssl failed to make test certificates") }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func data(_ name: String) -> Data { FileManager.default.contents(atPath: path(name))! }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

struct TestError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// The test API server, running for the life of this value.
final class TestAPIServer: @unchecked Sendable {
    static let token = "test-token-6b1d0c7f3a9e"
    let process = Process()
    let port: Int
    let log: URL
    let pki: TestPKI

    static var script: String { supportFile("server.py") }

    static func supportFile(_ name: String) -> String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Support/k8s-api-server/\(name)").path
    }

    init(pki: TestPKI, fixture: Value, faults: String? = nil) throws {
        self.pki = pki
        let dir = pki.directory
        let fixtureURL = dir.appendingPathComponent("fixture-\(UUID().uuidString).json")
        try Data(JSONWriter.write(fixture)).write(to: fixtureURL)
        log = dir.appendingPathComponent("requests-\(UUID().uuidString).log")
        var args = [Self.script, "--cert", pki.path("server.pem"), "--key", pki.path("server-key.pem"), "--ca", pki.path("ca.pem"),
                    "--fixture", fixtureURL.path, "--tokens", Self.token, "--log", log.path]
        if let faults {
            let faultsURL = dir.appendingPathComponent("faults-\(UUID().uuidString).json")
            try faults.write(to: faultsURL, atomically: true, encoding: .utf8)
            args += ["--faults", faultsURL.path]
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + args
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { throw TestError("the test API server exited before listening") }
            line.append(chunk)
        }
        guard let text = String(data: line, encoding: .utf8), text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestError("the test API server printed no port")
        }
        self.port = port
    }

    var url: String { "https://127.0.0.1:\(port)" }

    var requests: [String] { ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A kubeconfig for this server with the given user block (YAML, indented as a user).
    func kubeconfig(user: String, cluster extra: String = "", ca: String = "ca.pem") throws -> String {
        let text = """
        apiVersion: v1
        kind: Config
        current-context: test
        clusters:
        - name: test
          cluster:
            server: \(url)
            certificate-authority: \(pki.path(ca))
        \(extra)
        users:
        - name: tester
          user:
        \(user)
        contexts:
        - name: test
          context: {cluster: test, user: tester}
        """
        let path = pki.directory.appendingPathComponent("kubeconfig-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// The demo cluster as an API server would hold it, plus running pods with status.
enum LiveFixture {
    static let clusterID = "9a3c8f52-1b7e-4d0a-a2f1-kube-system"
    static func resources() -> Value {
        var byKey: [String: [Value]] = [:]
        let keys = ["Namespace": "/v1/namespaces", "Pod": "/v1/pods", "Service": "/v1/services", "NetworkPolicy": "networking.k8s.io/v1/networkpolicies",
                    "Deployment": "apps/v1/deployments", "StatefulSet": "apps/v1/statefulsets", "DaemonSet": "apps/v1/daemonsets",
                    "ReplicaSet": "apps/v1/replicasets", "Job": "batch/v1/jobs", "CronJob": "batch/v1/cronjobs", "ReplicationController": "/v1/replicationcontrollers"]
        for key in keys.values { byKey[key] = [] }
        for (_, text) in DemoManifests.files + [("extra.yaml", extra)] {
            for doc in YAMLReader.split(text) {
                guard case var .object(fields, line) = try! YAMLReader.parse(doc), let kind = fields["kind"]?.stringValue, let key = keys[kind] else { continue }
                // Objects read back from a cluster always carry their namespace.
                if kind != "Namespace", case var .object(meta, l) = fields["metadata"]!, meta["namespace"] == nil {
                    meta["namespace"] = .string("default")
                    fields["metadata"] = .object(meta, line: l)
                }
                if kind == "Namespace", case var .object(meta, l) = fields["metadata"]!, meta["name"] == .string("kube-system") {
                    meta["uid"] = .string(clusterID)
                    fields["metadata"] = .object(meta, line: l)
                }
                byKey[key]!.append(.object(fields, line: line))
            }
        }
        return .object(["resources": .object(byKey.mapValues { .array($0, line: 0) }, line: 0)], line: 0)
    }

    /// Running pods (with status) of a ReplicaSet owned by a Deployment, and kube-system's UID.
    static let extra = """
    apiVersion: v1
    kind: Namespace
    metadata: {name: kube-node-lease, uid: 5e0d1a2b-0000-4000-8000-000000000002}
    ---
    apiVersion: apps/v1
    kind: ReplicaSet
    metadata:
      name: api-7d9f
      namespace: backend
      ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, controller: true, uid: d1}]
    spec:
      template:
        metadata: {labels: {app: backend}}
        spec: {containers: [{name: api, image: api, ports: [{name: http, containerPort: 8080}]}]}
    ---
    apiVersion: v1
    kind: Pod
    metadata:
      name: api-7d9f-abcde
      namespace: backend
      labels: {app: backend}
      ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-7d9f, controller: true, uid: r1}]
    spec: {containers: [{name: api, image: api, ports: [{name: http, containerPort: 8080}]}]}
    status: {phase: Running, hostIP: 10.0.0.5, podIP: 10.244.1.7, podIPs: [{ip: 10.244.1.7}]}
    """

    /// The same objects as one manifest stream, for the live-versus-manifests comparison.
    static func manifests() -> String {
        guard case let .object(root, _) = resources(), case let .object(resources, _)? = root["resources"] else { return "" }
        var docs: [String] = []
        for key in resources.keys.sorted() {
            guard case let .array(items, _)? = resources[key] else { continue }
            for item in items { docs.append(String(decoding: JSONWriter.write(item), as: UTF8.self)) }
        }
        return "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [" + docs.joined(separator: ",") + "]}"
    }
}
