/// Whether a pod is protected (isolated, default deny) in a direction by any policy engine
/// Bulkhead knows, and by which objects: NetworkPolicies, admin-tier and baseline policies
/// that deny what they do not allow, and Cilium or Calico policies that select it.
extension PolicyEngine {
    public struct Protection: Sendable {
        public var networkPolicies: [NetworkPolicy]
        public var adminPolicies: [AdminPolicy]
        public var foreignPolicies: [ForeignPolicy]

        public var isProtected: Bool { !networkPolicies.isEmpty || !adminPolicies.isEmpty || !foreignPolicies.isEmpty }
        public var refs: [ObjectRef] { networkPolicies.map(\.ref) + adminPolicies.map(\.ref) + foreignPolicies.map(\.ref) }
        /// Protected only by policies whose rules Bulkhead does not model.
        public var onlyForeign: Bool { networkPolicies.isEmpty && adminPolicies.isEmpty && !foreignPolicies.isEmpty }
    }

    /// A pod nobody selected: no labels, in a namespace of its own. What applies to it applies to any stranger.
    static let strangerNamespace = "bulkhead-probe-namespace"
    var strangers: [Peer] {
        [.pod(Pod(namespace: Self.strangerNamespace, name: "probe")), .address(IPAddress("203.0.113.1")!), .address(IPAddress("2001:db8::1")!)]
    }

    public func protection(_ pod: Pod, _ direction: Direction) -> Protection {
        var admin: [AdminPolicy] = []
        if !cluster.adminPolicies.isEmpty, !pod.hostNetwork {
            // Admin policies isolate nothing implicitly: they protect when they deny strangers.
            let deniesStrangers = strangers.contains { allowed(pod, direction, other: $0) != .all }
            if deniesStrangers {
                admin = cluster.adminPolicies.filter { adminSelects($0, pod) && $0.rules(direction).contains { $0.action == .deny } }
            }
        }
        let foreign = cluster.foreignPolicies.filter { $0.isolates.contains(direction) && $0.selects(pod, namespaceLabels: cluster.namespaceLabels(pod.namespace)) }
        return Protection(networkPolicies: policies(selecting: pod, direction), adminPolicies: admin, foreignPolicies: foreign)
    }

    /// The protection a pod created later in `namespace`, with no labels, would have.
    public func defaultProtection(namespace: String, _ direction: Direction) -> Protection {
        protection(Pod(namespace: namespace, name: "bulkhead-probe"), direction)
    }
}
