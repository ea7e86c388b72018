import BulkheadCore
import BulkheadScanner
import Checks
import Foundation
import Reporters
import Testing

@Suite struct ComplianceReportTests {
    static let knownChecks = Set(Catalogue.all.map(\.metadata.id))
    static var repository: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }

    static func report(extra: String? = nil, unreadable: [UnreadableKind] = []) throws -> Report {
        var load = DemoCluster.load()
        if let extra { load.objects.append(ManifestLoader().load(text: extra, name: "extra.yaml").objects) }
        load.objects.unreadable += unreadable
        return ScanPipeline().run(load.clusterState(), tool: ToolInfo(version: "test"), inputKind: "demo", inputs: ["demo"],
                                  startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:00:01Z",
                                  profiles: try ProfileLoader.builtIn(knownChecks: knownChecks), inputDigests: load.digests)
    }

    @Test func everyBuiltInProfileLoadsAndNamesOnlyExistingChecks() throws {
        let profiles = try ProfileLoader.builtIn(knownChecks: Self.knownChecks)
        #expect(Set(profiles.map(\.id)) == ["cis-k8s-1.10", "cis-k8s-1.11", "cis-k8s-1.12", "cis-eks-1.8", "cis-gke-1.9", "cis-aks-1.8",
                                            "nsa-cisa-k8s-1.2", "pci-dss-4.0.1", "nist-800-53-r5", "soc2-2017", "iso-27001-2022", "mitre-attack"])
        for p in profiles {
            for c in p.controls {
                #expect(c.manual ? (c.checks.isEmpty && c.audit != nil) : !c.checks.isEmpty, "\(p.id) \(c.id)")
                #expect(c.checks.allSatisfy(Self.knownChecks.contains))
            }
        }
        let cis = try #require(profiles.first { $0.id == "cis-k8s-1.12" })
        #expect(cis.controls.first { $0.id == "5.3.2" }?.checks == ["NP-0001"])
        #expect(cis.controls.first { $0.id == "5.3.1" }?.checks == ["NP-0020"])
        let pci = try #require(profiles.first { $0.id == "pci-dss-4.0.1" })
        #expect(pci.controls.first { $0.id == "11.4.5" }?.manual == true)
    }

    static let minimalProfile = """
    apiVersion: bulkhead.dev/v1
    kind: ComplianceProfile
    id: custom
    framework: Ours
    frameworkVersion: "1"
    mappingVersion: "1"
    description: ours
    controls:
      - id: C1
        title: one
        description: one
        checks: [NP-0001]
    """

    @Test(arguments: [
        ("  - id: C2\n    title: two\n    description: two\n    checks: [NP-9999]\n", "unknown check NP-9999"),
        ("  - id: C1\n    title: again\n    description: again\n    checks: [NP-0002]\n", "duplicate control C1"),
        ("  - id: C3\n    title: t\n    description: d\n    manual: true\n", "must say what to verify"),
        ("  - id: C4\n    title: t\n    description: d\n", "names no checks and is not manual"),
        ("  - id: C5\n    title: t\n    description: d\n    checks: [NP-0001]\n    owner: me\n", "unknown key 'owner'"),
    ])
    func customProfilesAreValidatedStrictly(_ extra: String, _ message: String) throws {
        #expect(throws: Never.self) { _ = try ProfileLoader.load(text: Self.minimalProfile, name: "ok.yaml", knownChecks: Self.knownChecks) }
        do {
            _ = try ProfileLoader.load(text: Self.minimalProfile + "\n" + extra, name: "custom.yaml", knownChecks: Self.knownChecks)
            Issue.record("accepted a bad profile: \(message)")
        } catch let error as ProfileLoader.ProfileError {
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.hasPrefix("custom.yaml:"))
        }
    }

    @Test func controlStatusFollowsItsChecks() throws {
        let profile = try ProfileLoader.load(text: Self.minimalProfile + "\n  - id: M\n    title: m\n    description: m\n    manual: true\n    audit: look\n",
                                             name: "p.yaml", knownChecks: Self.knownChecks)
        func status(_ results: [CheckResult]) -> [ControlStatus] { ProfileResult.evaluate(profile, results: results).controls.map(\.status) }
        let pass = CheckResult(checkID: "NP-0001", subject: .namespace("a"), status: .pass, message: "")
        let fail = CheckResult(checkID: "NP-0001", subject: .namespace("b"), status: .fail, message: "")
        let unknown = CheckResult(checkID: "NP-0001", subject: .namespace("c"), status: .indeterminate, message: "")
        #expect(status([pass]) == [.pass, .manual])
        #expect(status([pass, fail, unknown]) == [.fail, .manual])
        #expect(status([pass, unknown]) == [.notEvaluated, .manual])
        #expect(status([]) == [.notApplicable, .manual])
    }

    @Test func jsonReportIsValidAgainstItsSchema() throws {
        let schema = Self.repository.appendingPathComponent("docs/schema/bulkhead-report-1.0.schema.json")
        for report in [try Self.report(), try Self.report(unreadable: [UnreadableKind(kind: "NetworkPolicy", namespace: "payments", reason: "403")])] {
            let outcome = try ExternalValidators.jsonSchema(try JSONReporter.render(report), schema: schema)
            #expect(outcome.status == 0, "\(outcome.output)")
        }
        // The schema is strict enough to catch drift.
        var broken = try JSONSerialization.jsonObject(with: Data(try JSONReporter.render(try Self.report()))) as! [String: Any]
        broken["surprise"] = true
        let outcome = try ExternalValidators.jsonSchema(Array(try JSONSerialization.data(withJSONObject: broken)), schema: schema)
        #expect(outcome.status == 1)
    }

    @Test func sarifIsValidAgainstTheSARIFSchema() throws {
        guard let schemas = ReporterTests.schemas else {
            print("note: ../shared/schemas is absent: SARIF schema validation skipped")
            return
        }
        let report = try Self.report(unreadable: [UnreadableKind(kind: "Pod", namespace: "batch", reason: "403")])
        let outcome = try ExternalValidators.jsonSchema(SARIFReporter.render(report), schema: schemas.appendingPathComponent("sarif-schema-2.1.0.json"))
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    @Test func sarifCarriesRulesTaxonomiesLocationsAndFingerprints() throws {
        let report = try Self.report()
        let sarif = try JSONSerialization.jsonObject(with: Data(SARIFReporter.render(report))) as! [String: Any]
        let run = (sarif["runs"] as! [[String: Any]])[0]
        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        #expect(rules.count == Catalogue.all.count)
        #expect(rules.allSatisfy { (($0["properties"] as! [String: Any])["security-severity"] as? String) != nil })
        #expect((run["taxonomies"] as! [Any]).count == report.profiles.count)
        let results = run["results"] as! [[String: Any]]
        #expect(results.count == report.summary.failed + report.summary.waived + report.summary.manual + report.summary.indeterminate)
        let located = results.filter { (($0["locations"] as! [[String: Any]])[0]["physicalLocation"]) != nil }
        #expect(!located.isEmpty, "manifest findings carry file and line")
        #expect(results.allSatisfy { (($0["partialFingerprints"] as! [String: String])["bulkheadFingerprint/v1"]?.count) == 32 })
    }

    @Test func markdownRendersAsGitHubFlavouredMarkdownWithEveryTable() throws {
        guard ExternalValidators.available("cmark-gfm") else {
            print("note: cmark-gfm is not installed (make test installs it): Markdown rendering test skipped")
            return
        }
        let markdown = MarkdownReporter.render(try Self.report(), outputs: [FileDigest(path: "bulkhead.json", sha256: String(repeating: "a", count: 64))])
        let html = try ExternalValidators.gfmToHTML(markdown)
        #expect(html.status == 0)
        let tablesInMarkdown = markdown.split(separator: "\n").filter { $0.hasPrefix("|---") || $0.hasPrefix("|--") }.count
        let tablesInHTML = html.output.components(separatedBy: "<table>").count - 1
        #expect(tablesInMarkdown > 15 && tablesInHTML == tablesInMarkdown)
        // Every table row became a row: a stray pipe or newline in a cell would break this.
        let rowsInMarkdown = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }.count
        #expect(html.output.components(separatedBy: "<tr>").count - 1 == rowsInMarkdown)
        for section in ["Identity", "Scope and population", "Compliance by framework", "Coverage by namespace", "Findings by namespace",
                        "Waiver register", "Manual controls: evidence to obtain", "Limits of this analysis", "Integrity"] {
            #expect(html.output.contains(">\(section)</h2>"), "\(section)")
        }
        #expect(html.output.contains("type=\"checkbox\""), "the manual checklist renders as a task list")
    }

    @Test func auditorMarkdownCarriesIdentityEvidenceAndHashes() throws {
        let report = try Self.report()
        let md = MarkdownReporter.render(report, outputs: [FileDigest(path: "bulkhead.json", sha256: String(repeating: "b", count: 64))])
        #expect(md.contains("| Scan ID | \(report.scan.id) |"))
        #expect(md.contains("| 5.3.2 | Ensure that all Namespaces have NetworkPolicies defined | FAIL | NP-0001: 4 passed, 2 failed |"))
        #expect(md.contains("- [ ] **cis-k8s-1.12 5.3.1**"))
        #expect(md.contains("| output | bulkhead.json | \(String(repeating: "b", count: 64)) |"))
        #expect(md.contains("| input | examples/demo/00-namespaces.yaml |"))
        #expect(md.contains("- podSelector: {matchLabels: {app: backend}}"), "findings show the offending rule")
    }

    @Test func junitCarriesControlsPerProfile() throws {
        let text = String(decoding: try JUnitReporter.render(try Self.report()), as: UTF8.self)
        #expect(text.contains("<property name=\"controls.cis-k8s-1.12\" value=\"5.3.2\"/>"))
        #expect(text.contains("<property name=\"controls.pci-dss-4.0.1\" value=\"1.3.1\"/>") || text.contains("controls.pci-dss-4.0.1"))
    }

    @Test func fingerprintsAndScanIDsAreStable() throws {
        let a = try Self.report(), b = try Self.report()
        #expect(a.results.map(\.fingerprint) == b.results.map(\.fingerprint))
        #expect(Set(a.results.map(\.fingerprint)).count == a.results.count)
        #expect(a.scan.id == b.scan.id)
    }
}
