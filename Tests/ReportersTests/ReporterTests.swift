import BulkheadCore
import BulkheadScanner
import CLibXML2
import Checks
import Foundation
import Reporters
import Testing

@Suite struct ReporterTests {
    static var schemas: URL? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let schemas = url.deletingLastPathComponent().appendingPathComponent("shared/schemas")
        return FileManager.default.fileExists(atPath: schemas.path) ? schemas : nil
    }

    static func demoReport(extra: String? = nil) -> Report {
        var load = DemoCluster.load()
        if let extra { load.objects.append(ManifestLoader().load(text: extra, name: "extra.yaml").objects) }
        return ScanPipeline().run(load.clusterState(), tool: ToolInfo(version: "test"), inputKind: "demo", inputs: ["demo"],
                                  startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:00:01Z")
    }

    static func validate(_ xml: [UInt8], schema: URL) -> (Int32, String) {
        var errors = [CChar](repeating: 0, count: 8192)
        let rc = xml.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { bh_xml_validate(schema.path, $0.baseAddress, $0.count, &errors, errors.count) }
        }
        return (rc, String(decoding: errors.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    @Test func junitIsValidAgainstTheJenkinsSchema() throws {
        guard let schemas = Self.schemas else {
            print("note: ../shared/schemas is absent: JUnit schema validation skipped")
            return
        }
        let xml = try JUnitReporter.render(Self.demoReport())
        let (rc, errors) = Self.validate(xml, schema: schemas.appendingPathComponent("junit-10.xsd"))
        #expect(rc == 0, "\(errors)")
    }

    @Test func schemaValidationRejectsABrokenDocument() throws {
        guard let schemas = Self.schemas else { return }
        // A testsuite without its required attributes must fail, or the test above proves nothing.
        let bad = Array("<testsuites><testsuite name=\"x\"><testcase/></testsuite></testsuites>".utf8)
        #expect(Self.validate(bad, schema: schemas.appendingPathComponent("junit-10.xsd")).0 == 1)
    }

    @Test func junitCountsMatchTheReportAndCasesAreUnique() throws {
        let report = Self.demoReport(extra: """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: "weird", namespace: "ctrl\\u001b[31m"}
        spec: {podSelector: {}}
        """)
        let text = String(decoding: try JUnitReporter.render(report), as: UTF8.self)
        #expect(bh_xml_well_formed(text, text.utf8.count) == 0)
        #expect(!text.contains("\u{1B}"), "control characters must be removed")
        let s = report.summary
        #expect(text.contains("<testsuites name=\"bulkhead test\" tests=\"\(s.total)\" failures=\"\(s.failed)\" errors=\"\(s.indeterminate)\""))
        #expect(text.components(separatedBy: "<testcase ").count - 1 == s.total)
        #expect(text.components(separatedBy: "<failure ").count - 1 == s.failed)
        let pairs = report.results.map { "\($0.checkID)|\($0.subject.description)" }
        #expect(Set(pairs).count == pairs.count)
        #expect(!text.contains("classname=\"NP-0001.") && text.contains("classname=\"NP-0001\""))
    }

    @Test func failureMessagesAreShortAndBodiesCarryRemediation() throws {
        let text = String(decoding: try JUnitReporter.render(Self.demoReport()), as: UTF8.self)
        let messages = text.components(separatedBy: "<failure message=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!messages.isEmpty)
        #expect(messages.allSatisfy { $0.count <= 250 })
        #expect(text.contains("Remediation:"))
        #expect(text.contains("kind: NetworkPolicy"))
    }

    @Test func jsonRoundTripsAndCarriesTheSchemaVersionAndSummary() throws {
        let report = Self.demoReport()
        let bytes = try JSONReporter.render(report)
        #expect(try JSONReporter.decode(bytes) == report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["schemaVersion"] as? String == Report.currentSchemaVersion)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["failed"] == report.summary.failed && summary["total"] == report.results.count)
    }

    @Test func sameInputGivesIdenticalBytes() throws {
        for format in ReportFormat.allCases {
            #expect(try format.render(Self.demoReport()) == format.render(Self.demoReport()), "\(format)")
        }
    }

    @Test func markdownHasTheSummaryFindingsAndRemediation() {
        let md = MarkdownReporter.render(Self.demoReport())
        #expect(md.contains("| Check | Title | Severity | Passed | Failed | Waived | Indeterminate | N/A or manual |"))
        #expect(md.contains("### Namespace `monitoring`"))
        #expect(md.contains("```yaml"))
        #expect(md.contains("`kube-system`: system namespace"))
        #expect(md.contains("## Limits of this analysis"))
    }

    @Test func atomicWritesReplaceWholeFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.json").path
        try AtomicFile.write(Array("old".utf8), to: path)
        try AtomicFile.write(Array("new".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("new".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["r.json"])
    }
}
