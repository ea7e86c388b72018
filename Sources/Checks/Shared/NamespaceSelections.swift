import BulkheadCore
import Synchronization

/// The namespaces each namespaceSelector matches, shared by every check of a scan: policies
/// repeat the same few selectors, and several checks ask about every peer.
final class NamespaceSelections: Sendable {
    /// The input's namespaces and the well-known ones, sorted, with their labels.
    private let known: [(name: String, labels: [String: String])]
    private let matched = Mutex<[LabelSelector: [String]]>([:])

    init(_ cluster: ClusterState, wellKnown: [String]) {
        known = Set(cluster.sortedNamespaceNames).union(wellKnown).sorted().map { ($0, cluster.namespaceLabels($0)) }
    }

    func namespaces(matching selector: LabelSelector) -> [String] {
        if let found = matched.withLock({ $0[selector] }) { return found }
        let found = known.filter { selector.matches($0.labels) }.map(\.name)
        matched.withLock { $0[selector] = found }
        return found
    }
}
