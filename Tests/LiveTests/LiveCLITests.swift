import BulkheadCore
import Foundation
import Testing

/// `bulkhead scan`, `snapshot` and kubectl against the test server, through the real binary.
@Suite(.serialized) struct LiveCLITests {
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("bulkhead")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent(".build/debug/bulkhead")
    }()

    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["KUBECONFIG"] = nil
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func results(_ dir: URL) throws -> NSArray? {
        let data = try Data(contentsOf: dir.appendingPathComponent("bulkhead.json"))
        return (try JSONSerialization.jsonObject(with: data) as? NSDictionary)?["results"] as? NSArray
    }

    @Test func liveScanSnapshotAndRescanGiveTheSameResults() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        let config = try server.kubeconfig(user: "    client-certificate: \(pki.path("client.pem"))\n    client-key: \(pki.path("client-key.pem"))")
        let live = pki.directory.appendingPathComponent("live"), offline = pki.directory.appendingPathComponent("offline")
        let snapshot = pki.directory.appendingPathComponent("evidence.json").path
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        let a = try Self.run(Self.binary, ["scan", "--kubeconfig", config, "--output-dir", live.path, "--save-snapshot", snapshot], environment: env)
        #expect(a.status == 1, "\(a.err)")
        #expect(a.err.contains("Fetched 7 namespaces, 2 pods"))
        let b = try Self.run(Self.binary, ["scan", "--snapshot", snapshot, "--output-dir", offline.path], environment: env)
        #expect(b.status == 1, "\(b.err)")
        let liveResults = try Self.results(live)
        let offlineResults = try Self.results(offline)
        #expect(liveResults != nil && liveResults == offlineResults)
        let md = try String(contentsOf: live.appendingPathComponent("bulkhead.md"), encoding: .utf8)
        #expect(md.contains("context test, \(server.url), kube-system UID \(LiveFixture.clusterID)"))
        #expect(md.contains("| Kubernetes version | v1.31.4-test |"))
        #expect(md.contains("| input | \(snapshot) |"), "the report records the snapshot's SHA-256")
        let saved = try Self.run(Self.binary, ["snapshot", "--kubeconfig", config, "-o", pki.directory.appendingPathComponent("s2.json").path])
        #expect(saved.status == 0 && saved.out.contains("SHA-256"))
    }

    @Test func aForbiddenKindExitsThreeAndTheReportsSayWhy() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources(), faults: #"{"pods": [{"type": "status", "status": 403}]}"#)
        let config = try server.kubeconfig(user: "    token: \(TestAPIServer.token)")
        let out = pki.directory.appendingPathComponent("out")
        let r = try Self.run(Self.binary, ["scan", "--kubeconfig", config, "--output-dir", out.path, "--format", "junit,json,markdown,sarif"])
        #expect(r.status == 3, "\(r.out)\(r.err)")
        #expect(r.out.contains("Scan incomplete"))
        let md = try String(contentsOf: out.appendingPathComponent("bulkhead.md"), encoding: .utf8)
        #expect(md.contains("## What could not be read") && md.contains("resources: [\"pods\"]"))
        let junit = try String(contentsOf: out.appendingPathComponent("bulkhead.junit.xml"), encoding: .utf8)
        #expect(junit.contains("type=\"ScanError\""))
        // Secret hygiene: the token never appears in any output.
        for name in ["bulkhead.junit.xml", "bulkhead.json", "bulkhead.md", "bulkhead.sarif"] {
            #expect(!(try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)).contains(TestAPIServer.token))
        }
        #expect(!r.out.contains(TestAPIServer.token) && !r.err.contains(TestAPIServer.token))
        #expect(server.requests.allSatisfy { $0.hasPrefix("GET ") && !$0.contains("secrets") && !$0.contains("configmaps") })
    }

    @Test func connectionProblemsAreClearErrors() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let none = try Self.run(Self.binary, ["scan"], environment: ["HOME": home.path, "KUBERNETES_SERVICE_HOST": ""])
        #expect(none.status == 2 && none.err.contains("no kubeconfig found"))
        let missing = try Self.run(Self.binary, ["scan", "--kubeconfig", home.appendingPathComponent("nope").path])
        #expect(missing.status == 2 && missing.err.contains("no such kubeconfig file"))
    }

    @Test func kubectlReadsTheTestServerToo() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl") else {
            print("note: kubectl is not installed (Debian kubernetes-client): the server-faithfulness test is skipped")
            return
        }
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources())
        let config = try server.kubeconfig(user: "    token: \(TestAPIServer.token)")
        let r = try Self.run(URL(fileURLWithPath: "/usr/bin/kubectl"), ["--kubeconfig", config, "get", "pods", "-A", "-o", "json", "--chunk-size=1"],
                             environment: ["HOME": pki.directory.path])
        #expect(r.status == 0, "\(r.err)")
        let list = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        #expect((list?["items"] as? [Any])?.count == 2)
        let np = try Self.run(URL(fileURLWithPath: "/usr/bin/kubectl"), ["--kubeconfig", config, "get", "networkpolicies", "-A", "--chunk-size=2", "-o", "name"],
                              environment: ["HOME": pki.directory.path])
        #expect(np.status == 0, "\(np.err)")
        #expect(np.out.split(separator: "\n").count == 13)
    }
}
