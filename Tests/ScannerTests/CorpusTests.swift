import BulkheadCore
import BulkheadScanner
import Foundation
import Testing

/// Runs every NetworkPolicy case of `../shared/corpus/netpol-analyzer/` and compares the
/// workload-level connectivity map with the expected one.
///
/// The corpus is run in netpol-analyzer's model of the two choices where it differs from
/// Bulkhead's defaults (docs/semantics.md): hostNetwork pods are selected like other pods
/// (several fixtures are pod dumps whose pods are hostNetwork), and pods in phase Succeeded
/// are endpoints. Lines the expected output attributes to `{ingress-controller}` are dropped:
/// Bulkhead does not model Ingress or Route controllers.
@Suite struct CorpusTests {
    static let analyzerModel = ModelOptions(hostNetworkPodsSelectable: true, inactivePodsAreEndpoints: true)

    static let cases: [String] = {
        guard let root = SharedFiles.corpusCases,
              let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        return names.filter { !isAdminNetworkPolicyCase($0) }.sorted()
    }()

    static let adminCases: [String] = {
        guard let root = SharedFiles.corpusCases,
              let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        return names.filter(isAdminNetworkPolicyCase).sorted()
    }()

    static func isAdminNetworkPolicyCase(_ name: String) -> Bool {
        name.hasPrefix("anp_") || name.hasPrefix("banp_") || name.contains("_anp_") || name.contains("_banp_")
    }

    @Test func corpusIsPresentOrSkippedWithReason() throws {
        guard SharedFiles.corpusCases != nil else {
            print("note: \(SharedFiles.missingMessage)")
            return
        }
        #expect(Self.cases.count == 50, "the corpus README promises 50 NetworkPolicy-only cases")
        #expect(Self.adminCases.count == 54, "the corpus README promises 54 AdminNetworkPolicy cases")
    }

    static func expectedLines(_ root: URL) throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent("expected.txt"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { !$0.contains("{ingress-controller}") }
    }

    @Test(arguments: cases)
    func networkPolicyCase(_ name: String) throws {
        let root = try #require(SharedFiles.corpusCases).appendingPathComponent(name)
        let load = try ManifestLoader().load(paths: [root.appendingPathComponent("input").path])
        #expect(load.errors.isEmpty, "load errors: \(load.errors)")
        let engine = PolicyEngine(cluster: load.clusterState(options: Self.analyzerModel), options: Self.analyzerModel)
        let got = ConnectivityMap.compute(engine).lines
        let differences = CorpusLines(got).differences(from: CorpusLines(try Self.expectedLines(root)))
        #expect(differences.isEmpty, Comment(rawValue: "\(name):\n" + differences.prefix(20).joined(separator: "\n")))
    }

    @Test func inBulkheadsDefaultModelTerminalJobPodsAreNotEndpoints() throws {
        let root = try #require(SharedFiles.corpusCases).appendingPathComponent("minikube_resources")
        let state = try ManifestLoader().load(paths: [root.appendingPathComponent("input").path]).clusterState()
        #expect(state.excludedPods.count == 2)
        #expect(state.excludedPods.allSatisfy { $0.name.hasPrefix("ingress-nginx-admission-") && $0.reason.contains("Succeeded") })
        let got = ConnectivityMap.compute(PolicyEngine(cluster: state, options: ModelOptions(hostNetworkPodsSelectable: true))).lines
        let expected = try Self.expectedLines(root).filter { !$0.contains("[Job]") }
        #expect(CorpusLines(got).differences(from: CorpusLines(expected)).isEmpty)
    }

    @Test(arguments: adminCases)
    func adminNetworkPolicyCase(_ name: String) throws {
        let root = try #require(SharedFiles.corpusCases).appendingPathComponent(name)
        let load = try ManifestLoader().load(paths: [root.appendingPathComponent("input").path])
        #expect(load.errors.isEmpty, "load errors: \(load.errors)")
        let engine = PolicyEngine(cluster: load.clusterState(options: Self.analyzerModel), options: Self.analyzerModel)
        let differences = CorpusLines(ConnectivityMap.compute(engine).lines).differences(from: CorpusLines(try Self.expectedLines(root)))
        #expect(differences.isEmpty, Comment(rawValue: "\(name):\n" + differences.prefix(20).joined(separator: "\n")))
    }
}
