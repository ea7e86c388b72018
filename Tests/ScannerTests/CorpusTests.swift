import BulkheadCore
import BulkheadScanner
import Foundation
import Testing

/// Runs every NetworkPolicy case of `../shared/corpus/netpol-analyzer/` and compares the
/// workload-level connectivity map with the expected one.
///
/// The corpus is run with `hostNetworkPodsSelectable`: netpol-analyzer treats hostNetwork
/// pods as ordinary pods, and several fixtures are pod dumps whose pods are hostNetwork.
/// Bulkhead's default model keeps them out of selectors (docs/semantics.md).
@Suite struct CorpusTests {
    /// Known, documented differences, each with its reason. Lines the expected output
    /// attributes to `{ingress-controller}` are always dropped: Bulkhead does not model
    /// Ingress or Route controllers.
    static let exceptions: [String: String] = [
        "minikube_resources": "Two Job pods are in phase Succeeded. Bulkhead does not treat terminal pods as endpoints "
            + "(CNIs ignore them and their IPs may be reused, semantics pitfall 13); netpol-analyzer keeps them. "
            + "Lines naming those Jobs are dropped from the expectation, and the test checks that exactly they were excluded.",
    ]

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

    @Test(arguments: cases)
    func networkPolicyCase(_ name: String) throws {
        let root = try #require(SharedFiles.corpusCases).appendingPathComponent(name)
        let load = try ManifestLoader().load(paths: [root.appendingPathComponent("input").path])
        #expect(load.errors.isEmpty, "load errors: \(load.errors)")
        let state = load.clusterState()
        let engine = PolicyEngine(cluster: state, options: ModelOptions(hostNetworkPodsSelectable: true))
        let got = ConnectivityMap.compute(engine).lines

        let expectedText = try String(contentsOf: root.appendingPathComponent("expected.txt"), encoding: .utf8)
        var expected = expectedText.split(separator: "\n").map(String.init).filter { !$0.contains("{ingress-controller}") }
        if name == "minikube_resources" {
            #expect(state.excludedPods.count == 2)
            #expect(state.excludedPods.allSatisfy { $0.name.hasPrefix("ingress-nginx-admission-") && $0.reason.contains("Succeeded") })
            expected = expected.filter { !$0.contains("[Job]") }
        }
        let differences = CorpusLines(got).differences(from: CorpusLines(expected))
        #expect(differences.isEmpty, Comment(rawValue: "\(name):\n" + differences.prefix(20).joined(separator: "\n")))
    }
}
