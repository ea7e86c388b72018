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

/// Credentials never leak: not the client key, not an exec plugin's output, not a token; and
/// a killed scan never leaves a half-written report.
@Suite(.serialized) struct SecretHygieneTests {
    @Test func clientKeysAndExecOutputNeverAppearAnywhere() throws {
        let pki = try TestPKI()
        let server = try TestAPIServer(pki: pki, fixture: LiveFixture.resources(), faults: #"{"services": [{"type": "status", "status": 403}]}"#)
        let plugin = pki.directory.appendingPathComponent("plugin").path
        let planted = "planted-exec-token-\(UUID().uuidString)"
        try """
        #!/bin/sh
        echo "diagnostic noise on stderr: Bearer \(planted)" >&2
        echo '{"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential", "status": {"token": "\(planted)"}}'
        """.write(toFile: plugin, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin)
        // The server does not know the planted token: every request is refused, and the errors must not echo it.
        let execConfig = try server.kubeconfig(user: "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: \(plugin)")
        let keyConfig = try server.kubeconfig(user: "    client-certificate-data: \(pki.data("client.pem").base64EncodedString())\n    client-key-data: \(pki.data("client-key.pem").base64EncodedString())")
        let key = String(decoding: pki.data("client-key.pem"), as: UTF8.self).split(separator: "\n")[1]
        for (config, secret) in [(execConfig, planted), (keyConfig, String(key))] {
            let out = pki.directory.appendingPathComponent("out-\(UUID().uuidString)")
            let r = try LiveCLITests.run(LiveCLITests.binary, ["scan", "--kubeconfig", config, "--output-dir", out.path, "--format", "junit,json,markdown,sarif",
                                                                "--save-snapshot", out.appendingPathComponent("snap.json").path])
            #expect(r.status == 3, "\(r.err)")
            #expect(!r.out.contains(secret) && !r.err.contains(secret))
            for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
                #expect(!(try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)).contains(secret), "\(name) leaks a credential")
            }
        }
        #expect(server.requests.allSatisfy { $0.hasPrefix("GET ") && !$0.contains("/secrets") && !$0.contains("/configmaps") })
        #expect(!server.requests.joined().contains(planted))
    }

    @Test func aScanKilledWhileWritingLeavesThePreviousReportOrNone() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try LiveCLITests.run(LiveCLITests.binary, ["scan", "--demo", "--output-dir", dir.path, "-q", "--format", "junit,json,markdown,sarif"])
        #expect(first.status == 1)
        var killed = 0
        for attempt in 0..<25 {
            let p = Process()
            p.executableURL = LiveCLITests.binary
            p.arguments = ["scan", "--demo", "--output-dir", dir.path, "-q", "--format", "junit,json,markdown,sarif"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32(20_000 + attempt * 60_000))
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killed += 1 }
            p.waitUntilExit()
            for name in ["bulkhead.json", "bulkhead.sarif"] {
                let data = try Data(contentsOf: dir.appendingPathComponent(name), options: []) as Data?
                if let data { #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name) is truncated after a kill") }
            }
            let md = try String(contentsOf: dir.appendingPathComponent("bulkhead.md"), encoding: .utf8)
            #expect(md.contains("## Integrity") || md.contains("## Limits of this analysis"), "bulkhead.md is truncated after a kill")
            let xml = try String(contentsOf: dir.appendingPathComponent("bulkhead.junit.xml"), encoding: .utf8)
            #expect(xml.hasSuffix("</testsuites>\n"), "bulkhead.junit.xml is truncated after a kill")
        }
        print("kill test: \(killed) of 25 scans killed mid-run")
        #expect(killed > 0)
    }
}
