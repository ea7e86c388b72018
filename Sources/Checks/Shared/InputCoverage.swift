import BulkheadCore

/// What the scanned input says about a namespace's pods: a partial input (one application's
/// manifests) says nothing about namespaces it has no pods for, so those are never judged.
extension CheckContext {
    func hasPods(in namespace: String) -> Bool { !cluster.pods(in: namespace).isEmpty }
    var declaresNamespaces: Bool { cluster.namespaces.values.contains { $0.declared } }
}
