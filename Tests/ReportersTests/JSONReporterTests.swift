import BulkheadCore
import Foundation
@testable import Reporters
import Testing

/// The results of the JSON report are written by hand for speed; these tests hold that writer
/// to Foundation's encoder byte for byte, so the report's format cannot drift from the schema
/// the Codable types define.
@Suite struct JSONReporterTests {
    /// Every ASCII control character, JSON's own escapes, a slash, non-ASCII text and a
    /// character outside the BMP.
    static let awkward = String((0..<0x20).map { Character(Unicode.Scalar($0)) }) + "\"\\/ é € \u{2028} 🛡 \u{7F} end"

    static func resultsSettingEveryField() -> [CheckResult] {
        let ref = ObjectRef(kind: "NetworkPolicy", namespace: "shop", name: "web \(awkward)")
        let clusterRef = ObjectRef(kind: "AdminNetworkPolicy", namespace: nil, name: "deny")
        var full = CheckResult(
            checkID: "NP-0005", subject: Subject(kind: .workload, namespace: "shop", name: "Deployment/web"), status: .fail,
            message: awkward,
            violations: [
                Violation(message: "m", object: ref, fieldPath: "spec.ingress[0].from[1]",
                          source: SourceLocation(file: "a.yaml", line: 12, document: 3), related: [ref, clusterRef],
                          excerpt: "ingress:    # spec.ingress[0]\n- from:\n  - namespaceSelector: {}\n"),
                Violation(message: "bare"),
            ],
            evidence: [ref, clusterRef], remediation: "kind: NetworkPolicy\n", severity: .critical)
        full.waiver = "W-1"
        full.trend = "new"
        let bare = CheckResult(checkID: "NP-0001", subject: .namespace("empty"), status: .pass, message: "")
        let cluster = CheckResult(checkID: "NP-0020", subject: Subject(kind: .cluster, name: "cluster"), status: .manual, message: "verify")
        return [full, bare, cluster]
    }

    static func report(_ results: [CheckResult]) -> Report {
        Report(tool: ToolInfo(version: "test"),
               scan: ScanInfo(inputKind: "manifests", inputs: ["a.yaml"], startedAt: "2026-01-01T00:00:00Z",
                              finishedAt: "2026-01-01T00:00:01Z", model: .standard, cluster: ClusterIdentity(), inputDigests: []),
               scope: Scope(namespaces: ["shop"], excluded: [], implied: []),
               population: Population(namespaces: 1, pods: 1, workloads: 1, services: 0, networkPolicies: 1, ignoredKinds: [:]),
               checks: [], results: results, diagnostics: [], unreadable: [])
    }

    @Test func handWrittenResultsEqualFoundationsEncoding() throws {
        let report = Self.report(Self.resultsSettingEveryField())
        let fast = try JSONReporter.render(report)
        let reference = try JSONReporter.encodedByFoundation(report)
        let at = zip(fast, reference).prefix { $0 == $1 }.count
        let same = fast == reference
        #expect(same, "first difference at byte \(at): \(String(decoding: fast[at...].prefix(80), as: UTF8.self)) ≠ \(String(decoding: reference[at...].prefix(80), as: UTF8.self))")
    }

    @Test func theDemoReportIsEncodedAsFoundationWould() throws {
        let report = ReporterTests.demoReport()
        #expect(report.results.count > 50)
        let same = try JSONReporter.render(report) == JSONReporter.encodedByFoundation(report)
        #expect(same)
    }

    @Test func aReportWithoutResultsIsEncodedAsFoundationWould() throws {
        let report = Self.report([])
        let same = try JSONReporter.render(report) == JSONReporter.encodedByFoundation(report)
        #expect(same)
    }

    @Test func handWrittenResultsDecodeToTheSameValues() throws {
        let report = Self.report(Self.resultsSettingEveryField())
        #expect(try JSONReporter.decode(JSONReporter.render(report)).results == report.results)
    }
}
