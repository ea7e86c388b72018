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
