import BulkheadCore

/// What the scanned input says about a namespace's pods: a partial input (one application's
/// manifests) says nothing about namespaces it has no pods for, so those are never judged.
extension CheckContext {
    func hasPods(in namespace: String) -> Bool { cluster.hasPods(in: namespace) }
    var declaresNamespaces: Bool { cluster.namespaces.values.contains { $0.declared } }

    /// Namespaces every cluster has, whether or not a set of manifests declares them.
    static let wellKnownNamespaces = ["default", "kube-node-lease", "kube-public", "kube-system"]

    /// The namespaces a selector matches: those in the input, and the well-known ones.
    func namespaces(matching selector: LabelSelector) -> [String] {
        namespaceSelections.namespaces(matching: selector)
    }
}
