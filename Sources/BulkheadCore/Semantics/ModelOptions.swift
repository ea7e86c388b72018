/// The choices Kubernetes leaves to the CNI. Every report names the model it used
/// (docs/semantics.md explains each).
public struct ModelOptions: Sendable, Hashable, Codable {
    /// When true, an ipBlock containing a pod's IP matches that pod (the conformance-test
    /// model, as Calico enforces it). Default false: ipBlocks match external addresses only,
    /// as Cilium enforces it and as the common static analyzers model it.
    public var ipBlockMatchesPodIPs: Bool

    /// When true, hostNetwork pods are selected by podSelector and namespaceSelector like any
    /// other pod (the first option the docs allow, and what netpol-analyzer does). Default
    /// false: the "most common implementation", where selectors never match them and their
    /// traffic is their node's.
    public var hostNetworkPodsSelectable: Bool

    /// When true, pods in phase Succeeded or Failed, and pods read from a cluster without an
    /// IP, are endpoints too (netpol-analyzer keeps them). Default false: CNIs ignore them and
    /// their IPs may be reused.
    public var inactivePodsAreEndpoints: Bool

    public init(ipBlockMatchesPodIPs: Bool = false, hostNetworkPodsSelectable: Bool = false, inactivePodsAreEndpoints: Bool = false) {
        self.ipBlockMatchesPodIPs = ipBlockMatchesPodIPs
        self.hostNetworkPodsSelectable = hostNetworkPodsSelectable
        self.inactivePodsAreEndpoints = inactivePodsAreEndpoints
    }

    public static let standard = ModelOptions()

    /// One line per choice, for reports.
    public var statements: [String] {
        [
            ipBlockMatchesPodIPs
                ? "ipBlock peers also match pods whose IP lies inside the block (conformance model, as Calico enforces it)"
                : "ipBlock peers match addresses outside the cluster only, not pod IPs (as Cilium enforces it)",
            hostNetworkPodsSelectable
                ? "hostNetwork pods are selected by podSelector and namespaceSelector like other pods"
                : "hostNetwork pods are not selected by podSelector or namespaceSelector; only ipBlock can match their node's address",
            inactivePodsAreEndpoints
                ? "pods in phase Succeeded or Failed, and pods read from a cluster without an IP, are endpoints like running pods"
                : "pods in phase Succeeded or Failed, and pods read from a cluster without an IP, are not endpoints",
            "traffic from a pod's own node (kubelet probes) is always allowed and not shown",
            "a pod's traffic to itself is never restricted and never reported",
        ]
    }
}
