import Foundation
import Testing

/// The exit-code contract and the files `bulkhead scan` writes, through the real binary.
@Suite struct ScanCLITests {
    static let clean = """
    apiVersion: v1
    kind: Namespace
    metadata: {name: shop}
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: default-deny, namespace: shop}
    spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
    """

    @Test func demoFindingsExitOneAndWriteAllThreeReports() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try CLI.run(["scan", "--demo", "--output-dir", dir.path])
        #expect(out.status == 1, "\(out.stderr)")
        #expect(out.stdout.contains("FAIL NP-0001 [high] monitoring"))
        for name in ["bulkhead.junit.xml", "bulkhead.json", "bulkhead.md"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name)")
        }
    }

    @Test func cleanManifestsExitZero() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try CLI.run(["scan", "-", "--output-dir", dir.path, "--format", "json"], stdin: Self.clean)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)) == ["bulkhead.json", "bulkhead.sha256"])
    }

    @Test func usageAndInputErrorsExitTwo() throws {
        #expect(try CLI.run(["scan", "--demo", "--format", "pdf"]).status == 2)
        #expect(try CLI.run(["scan"], environment: ["HOME": "/nonexistent", "KUBECONFIG": "", "KUBERNETES_SERVICE_HOST": ""]).status == 2)
        let missing = try CLI.run(["scan", "/nonexistent/manifests"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/manifests: no such file or directory"))
    }

    @Test func aBrokenDocumentMakesTheScanIncompleteOrFailsWhenStrict() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = Self.clean + "\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Sideways]}\n"
        let out = try CLI.run(["scan", "-", "--output-dir", dir.path], stdin: broken)
        #expect(out.status == 3, "\(out.stdout)\(out.stderr)")
        #expect(out.stderr.contains("<stdin>:13: document 3 (NetworkPolicy shop/bad): spec.policyTypes[0]"))
        let junit = try String(contentsOf: dir.appendingPathComponent("bulkhead.junit.xml"), encoding: .utf8)
        #expect(junit.contains("<error message=\"Could not be evaluated"))
        let strict = try CLI.run(["scan", "-", "--strict", "--output-dir", dir.path], stdin: broken)
        #expect(strict.status == 2)
    }

    @Test func sourceDateEpochMakesReportsByteIdentical() throws {
        let a = try CLI.temporaryDirectory(), b = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        _ = try CLI.run(["scan", "--demo", "--output-dir", a.path], environment: env)
        _ = try CLI.run(["scan", "--demo", "--output-dir", b.path], environment: env)
        for name in ["bulkhead.junit.xml", "bulkhead.json", "bulkhead.md"] {
            let x = FileManager.default.contents(atPath: a.appendingPathComponent(name).path)
            #expect(x != nil && x == FileManager.default.contents(atPath: b.appendingPathComponent(name).path), "\(name)")
        }
        let json = try String(contentsOf: a.appendingPathComponent("bulkhead.json"), encoding: .utf8)
        #expect(json.contains("\"startedAt\" : \"2023-11-14T22:13:20Z\""))
    }

    @Test func theEmbeddedDemoMatchesExamplesDemo() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/embed.py", "--check"]
        process.currentDirectoryURL = CLI.repositoryRoot
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "run `make docs`: Sources/Scanner/Demo/DemoManifests.swift is stale")
        // And scanning the directory gives the same findings as --demo.
        let a = try CLI.temporaryDirectory(), b = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        let fromBinary = try CLI.run(["scan", "--demo", "--output-dir", a.path, "--format", "json", "-q"])
        let fromFiles = try CLI.run(["scan", "examples/demo", "--config", "examples/bulkhead-demo.yaml", "--output-dir", b.path, "--format", "json", "--quiet"])
        #expect(fromBinary.status == 1 && fromFiles.status == 1)
        #expect(fromBinary.stdout.isEmpty)
        func results(_ dir: URL) throws -> NSArray? {
            let data = try Data(contentsOf: dir.appendingPathComponent("bulkhead.json"))
            return (try JSONSerialization.jsonObject(with: data) as? NSDictionary)?["results"] as? NSArray
        }
        let fromBinaryResults = try results(a)
        let fromFilesResults = try results(b)
        #expect(fromBinaryResults != nil && fromBinaryResults == fromFilesResults)
    }
}

@Suite struct ProfileCLITests {
    @Test func profilesListAndShow() throws {
        let list = try CLI.run(["profiles"])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == 12)
        let one = try CLI.run(["profiles", "pci-dss-4.0.1"])
        #expect(one.stdout.contains("11.4.5") && one.stdout.contains("manual:"))
    }

    @Test func aBadCustomProfileIsAUsageError() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try "apiVersion: bulkhead.dev/v1\nkind: ComplianceProfile\nid: x\nframework: X\nframeworkVersion: '1'\nmappingVersion: '1'\ndescription: x\ncontrols:\n- {id: A, title: a, description: a, checks: [NP-0999]}\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let out = try CLI.run(["scan", "--demo", "--profile", bad.path, "--output-dir", dir.path])
        #expect(out.status == 2)
        #expect(out.stderr.contains("unknown check NP-0999"))
        #expect(try CLI.run(["scan", "--demo", "--profile", "no-such-profile", "--output-dir", dir.path]).status == 2)
    }

    @Test func allFourFormatsAndTheManifestAreWritten() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try CLI.run(["scan", "--demo", "--format", "junit,json,sarif,markdown", "--profile", "cis-k8s-1.12", "--output-dir", dir.path])
        #expect(out.status == 1)
        let manifest = try String(contentsOf: dir.appendingPathComponent("bulkhead.sha256"), encoding: .utf8)
        #expect(manifest.split(separator: "\n").count == 4)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["sha256sum", "--quiet", "-c", "bulkhead.sha256"]
        check.currentDirectoryURL = dir
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
        let json = try String(contentsOf: dir.appendingPathComponent("bulkhead.json"), encoding: .utf8)
        #expect(json.contains("\"id\" : \"cis-k8s-1.12\"") && !json.contains("\"id\" : \"pci-dss-4.0.1\""))
    }
}

@Suite struct RemediateAndExitCodeTests {
    @Test func remediationFixesWhatItCanAndSaysWhatItCannot() throws {
        let out = try CLI.run(["remediate", "--demo"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Also narrow or delete NetworkPolicy frontend/allow-all-ingress"))
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try out.stdout.write(to: dir.appendingPathComponent("remediation.yaml"), atomically: true, encoding: .utf8)
        let fixed = try CLI.run(["scan", "examples/demo", dir.appendingPathComponent("remediation.yaml").path, "--format", "json",
                                 "--output-dir", dir.appendingPathComponent("r").path, "-q"])
        #expect(fixed.status != 2 && fixed.status != 3, "\(fixed.stderr)")
        let data = try Data(contentsOf: dir.appendingPathComponent("r/bulkhead.json"))
        let results = (try JSONSerialization.jsonObject(with: data) as! [String: Any])["results"] as! [[String: Any]]
        func failing(_ id: String) -> [String] {
            results.filter { $0["checkID"] as? String == id && $0["status"] as? String == "fail" }.map { ($0["subject"] as! [String: Any])["name"] as! String }
        }
        #expect(failing("NP-0001").isEmpty)
        #expect(failing("NP-0004").isEmpty)
        #expect(failing("NP-0002") == ["frontend"] && failing("NP-0003") == ["frontend"], "allow-all rules must be removed by hand")
    }

    @Test func theExitCodeFollowsTheThreshold() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A namespace whose only failure is the low-severity NP-0011 (a rule without ports).
        let manifest = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: same-ns, namespace: shop}
        spec:
          podSelector: {}
          ingress: [{from: [{podSelector: {}}]}]
        """
        let base = ["scan", "-", "--output-dir", dir.path, "-q", "--format", "json"]
        #expect(try CLI.run(base, stdin: manifest).status == 0, "low findings pass the default high threshold")
        #expect(try CLI.run(base + ["--fail-on", "low"], stdin: manifest).status == 1)
        #expect(try CLI.run(base + ["--fail-on", "low", "--exit-zero"], stdin: manifest).status == 0)
        #expect(try CLI.run(base + ["--fail-on", "bogus"], stdin: manifest).status == 2)
        // With a baseline that already had the finding, --fail-on-new passes.
        try FileManager.default.copyItem(at: dir.appendingPathComponent("bulkhead.json"), to: dir.appendingPathComponent("previous.json"))
        #expect(try CLI.run(base + ["--fail-on", "low", "--baseline", dir.appendingPathComponent("previous.json").path, "--fail-on-new"], stdin: manifest).status == 0)
        #expect(try CLI.run(base + ["--fail-on", "low", "--baseline", dir.appendingPathComponent("previous.json").path], stdin: manifest).status == 1)
        let config = dir.appendingPathComponent("c.yaml")
        try "apiVersion: bulkhead.dev/v1\nkind: Configuration\nfailOn: low\nunknownKey: 1\n".write(to: config, atomically: true, encoding: .utf8)
        let bad = try CLI.run(base + ["--config", config.path], stdin: manifest)
        #expect(bad.status == 2 && bad.stderr.contains("unknown key 'unknownKey'"))
    }

    @Test func theDemoConfigurationShowsWaiversAssertionsAndABaseline() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try CLI.run(["scan", "--demo", "--baseline", "examples/demo-baseline.json", "--output-dir", dir.path])
        #expect(out.status == 1)
        #expect(out.stdout.contains("Against baseline") && out.stdout.contains("1 resolved"))
        let md = try String(contentsOf: dir.appendingPathComponent("bulkhead.md"), encoding: .utf8)
        #expect(md.contains("| W-1 | NP-0018 |") && md.contains("| ACTIVE |"))
        #expect(md.contains("| W-2 | NP-0001 |") && md.contains("| EXPIRED |"))
        #expect(md.contains("## Trend since the previous scan"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("bulkhead.json"))) as! [String: Any]
        let results = json["results"] as! [[String: Any]]
        let expectations = results.filter { $0["checkID"] as? String == "NP-0100" }.map { $0["status"] as! String }.sorted()
        #expect(expectations == ["fail", "pass"], "one assertion holds and one fails")
    }
}
