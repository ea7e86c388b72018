import BulkheadCore
import BulkheadScanner
import Checks
import Testing

@Suite struct WaiverAndBaselineTests {
    static let manifest = """
    apiVersion: v1
    kind: Namespace
    metadata:
      name: legacy
      annotations:
        bulkhead.dev/waive: "NP-0002, NP-0003"
        bulkhead.dev/waive-reason: "decommissioned in Q3"
        bulkhead.dev/waive-expires: "2030-06-30"
    ---
    apiVersion: v1
    kind: Namespace
    metadata:
      name: shop
      annotations: {bulkhead.dev/waive: NP-0002}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: web, namespace: shop}
    spec: {containers: [{name: c, image: x}]}
    """

    static func report(_ config: String, manifest: String = manifest, today: String = "2026-11-30") throws -> Report {
        let c = try ConfigLoader.load(text: "apiVersion: bulkhead.dev/v1\nkind: Configuration\n" + config, name: "c.yaml", checks: CatalogueTests.knownChecks)
        let state = ManifestLoader().load(text: manifest, name: "m.yaml").clusterState()
        return ScanPipeline(configuration: c).run(state, tool: ToolInfo(version: "t"), inputKind: "manifests", inputs: [],
                                                  startedAt: "\(today)T00:00:00Z", finishedAt: "")
    }

    static func status(_ r: Report, _ id: String, _ ns: String) -> ResultStatus? {
        r.results.first { $0.checkID == id && $0.subject == .namespace(ns) }?.status
    }

    @Test func configWaiversAreActiveExpiredOrUnused() throws {
        let r = try Self.report("""
        waivers:
          - {id: ACTIVE, check: NP-0001, namespace: shop, reason: r, expires: "2026-12-01"}
          - {id: EXPIRED, check: NP-0001, namespace: legacy, reason: r, expires: "2026-11-29"}
          - {id: UNUSED, check: NP-0019, namespace: nowhere, reason: r, expires: "2030-01-01"}
        """)
        #expect(Self.status(r, "NP-0001", "shop") == .waived)
        #expect(Self.status(r, "NP-0001", "legacy") == .fail)
        #expect(r.results.first { $0.checkID == "NP-0001" && $0.subject == .namespace("legacy") }?.message.contains("waiver EXPIRED expired on 2026-11-29") == true)
        let states = Dictionary(uniqueKeysWithValues: r.waivers.map { ($0.id, $0.state) })
        #expect(states["ACTIVE"] == .active && states["EXPIRED"] == .expired && states["UNUSED"] == .unused)
        #expect(r.diagnostics.contains { $0.message.contains("UNUSED") && $0.message.contains("matches no failing result") })
        // A waiver holds through its expiry day.
        let lastDay = try Self.report("waivers: [{id: A, check: NP-0001, namespace: shop, reason: r, expires: \"2026-11-30\"}]\n")
        #expect(Self.status(lastDay, "NP-0001", "shop") == .waived)
    }

    @Test func annotationWaiversApplyUnlessDisabled() throws {
        let r = try Self.report("")
        #expect(Self.status(r, "NP-0002", "legacy") == .waived && Self.status(r, "NP-0003", "legacy") == .waived)
        #expect(Self.status(r, "NP-0002", "shop") == .fail, "an annotation without reason and expiry is ignored")
        #expect(r.waivers.contains { $0.source == "Namespace/shop" && $0.state == .invalid })
        let auditor = try Self.report("annotationWaivers: false\n")
        #expect(Self.status(auditor, "NP-0002", "legacy") == .fail)
    }

    @Test func baselinesMarkNewUnchangedAndResolved() throws {
        let before = try Self.report("", manifest: Self.manifest + "\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: old}\n")
        let after = try Self.report("")
        let compared = Baseline.compare(after, with: before)
        let b = try #require(compared.baseline)
        #expect(b.previousScanID == before.scan.id)
        #expect(b.resolved.contains { $0.subject == .namespace("old") && $0.checkID == "NP-0001" })
        #expect(b.new == 0 && b.unchanged == compared.results.count { $0.trend != nil })
        let withNew = Baseline.compare(try Self.report("", manifest: Self.manifest + "\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: fresh}\n"), with: after)
        #expect(withNew.results.filter { $0.trend == "new" }.allSatisfy { $0.subject == .namespace("fresh") })
        #expect(withNew.failing(atOrAbove: .high, onlyNew: true).map(\.subject) == [.namespace("fresh"), .namespace("fresh")])
    }

    @Test func scopeFromTheConfiguration() throws {
        let r = try Self.report("scope: {excludeNamespaces: [leg*]}\n")
        #expect(r.scope.namespaces == ["shop"])
        #expect(r.scope.excluded.contains { $0.name == "legacy" && $0.reason.contains("leg*") })
        let disabled = try Self.report("checks: {disable: [NP-0001], severity: {NP-0002: low}}\n")
        #expect(!disabled.results.contains { $0.checkID == "NP-0001" })
        #expect(disabled.check("NP-0002")?.severity == .low)
    }
}
