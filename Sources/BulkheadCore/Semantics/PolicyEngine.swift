/// The other end of a connection as a rule sees it.
public enum Peer: Sendable, Hashable {
    case pod(Pod)
    /// An address outside the cluster; the set is one "atom" that every ipBlock either
    /// contains whole or not at all, so its first address stands for all of it.
    case address(IPAddress)
}

/// A rule that allowed (part of) a connection, for `explain` and evidence.
public struct RuleMatch: Sendable, Hashable {
    public var policy: NetworkPolicy
    public var direction: Direction
    public var ruleIndex: Int
    public var connections: ConnectionSet

    /// `spec.ingress[0]`
    public var path: String { "spec.\(direction.field)[\(ruleIndex)]" }
}

/// Exact NetworkPolicy v1 semantics over one cluster state (semantics notes §1–§2).
public struct PolicyEngine: Sendable {
    public let cluster: ClusterState
    public let options: ModelOptions
    /// Policies per namespace, in the state's stable order.
    private let policiesByNamespace: [String: [NetworkPolicy]]

    public init(cluster: ClusterState, options: ModelOptions = .standard) {
        self.cluster = cluster
        self.options = options
        var byNamespace: [String: [NetworkPolicy]] = [:]
        for policy in cluster.policies { byNamespace[policy.namespace, default: []].append(policy) }
        policiesByNamespace = byNamespace
    }

    /// The policies that select this pod and take effect in this direction.
    public func policies(selecting pod: Pod, _ direction: Direction) -> [NetworkPolicy] {
        // hostNetwork pods are not selected by podSelector (the common implementation).
        if isHostNetworked(pod) { return [] }
        return (policiesByNamespace[pod.namespace] ?? []).filter { $0.affects(direction) && $0.selects(pod) }
    }

    /// Every policy whose podSelector selects the pod, whatever its policyTypes.
    public func policiesSelecting(_ pod: Pod) -> [NetworkPolicy] {
        if isHostNetworked(pod) { return [] }
        return (policiesByNamespace[pod.namespace] ?? []).filter { $0.selects(pod) }
    }

    /// A hostNetwork pod that the model keeps out of selectors (see ModelOptions).
    public func isHostNetworked(_ pod: Pod) -> Bool { pod.hostNetwork && !options.hostNetworkPodsSelectable }

    public func isIsolated(_ pod: Pod, _ direction: Direction) -> Bool {
        !policies(selecting: pod, direction).isEmpty
    }

    /// Whether a peer entry of a rule in `policy` matches the other end.
    public func peerMatches(_ peer: PolicyPeer, in policy: NetworkPolicy, _ other: Peer) -> Bool {
        switch (peer, other) {
        case let (.pods(namespaceSelector, podSelector), .pod(pod)):
            if isHostNetworked(pod) { return false }
            if let namespaceSelector {
                guard namespaceSelector.matches(cluster.namespaceLabels(pod.namespace)) else { return false }
            } else if pod.namespace != policy.namespace {
                return false
            }
            return podSelector?.matches(pod.labels) ?? true
        case (.pods, .address):
            return false
        case let (.ipBlock(block), .address(address)):
            return block.addresses.contains(address)
        case let (.ipBlock(block), .pod(pod)):
            // hostNetwork pods carry their node's address, which is outside the pod network.
            guard options.ipBlockMatchesPodIPs || isHostNetworked(pod) else { return false }
            let addresses = block.addresses
            return pod.ips.contains { addresses.contains($0) }
        }
    }

    public func ruleMatchesPeer(_ rule: PolicyRule, in policy: NetworkPolicy, _ other: Peer) -> Bool {
        guard let peers = rule.peers else { return true }
        return peers.contains { peerMatches($0, in: policy, other) }
    }

    /// The connections a rule's ports allow towards `destination`, whose container ports
    /// resolve named ports. An address resolves no named port.
    public func connections(of rule: PolicyRule, towards destination: Pod?) -> ConnectionSet {
        if rule.ports.isEmpty { return .all }
        var result = ConnectionSet()
        for entry in rule.ports {
            switch entry.port {
            case nil:
                result.add(entry.proto, .allPorts)
            case let .number(n):
                result.add(entry.proto, PortSet(n, entry.endPort ?? n))
            case let .named(name):
                if let number = destination?.resolve(namedPort: name, proto: entry.proto) {
                    result.add(entry.proto, PortSet(number, number))
                }
            }
        }
        return result
    }

    /// The rules that allow traffic for `pod` in `direction` with `other` at the far end, and what each allows.
    public func matchingRules(_ pod: Pod, _ direction: Direction, other: Peer) -> [RuleMatch] {
        var matches: [RuleMatch] = []
        let destination: Pod? = direction == .ingress ? pod : { if case let .pod(p) = other { return p } else { return nil } }()
        for policy in policies(selecting: pod, direction) {
            for (index, rule) in policy.rules(direction).enumerated() where ruleMatchesPeer(rule, in: policy, other) {
                let conns = connections(of: rule, towards: destination)
                matches.append(RuleMatch(policy: policy, direction: direction, ruleIndex: index, connections: conns))
            }
        }
        return matches
    }

    /// What `pod`'s side allows in `direction`, every policy tier considered.
    public func allowed(_ pod: Pod, _ direction: Direction, other: Peer) -> ConnectionSet {
        cluster.adminPolicies.isEmpty ? networkPolicyAllowed(pod, direction, other: other) : adminDecision(pod, direction, other: other)
    }

    /// The NetworkPolicy tier alone: everything when the pod is not isolated, else the union of its rules.
    public func networkPolicyAllowed(_ pod: Pod, _ direction: Direction, other: Peer) -> ConnectionSet {
        guard isIsolated(pod, direction) else { return .all }
        var result = ConnectionSet()
        for match in matchingRules(pod, direction, other: other) {
            result.formUnion(match.connections)
            if result.isAll { break }
        }
        return result
    }

    /// A connection is allowed only when the source's egress and the destination's ingress both allow it.
    public func allowedConnections(from source: Pod, to destination: Pod) -> ConnectionSet {
        let egress = allowed(source, .egress, other: .pod(destination))
        if egress.isEmpty { return egress }
        return egress.intersection(allowed(destination, .ingress, other: .pod(source)))
    }

    public func allowedConnections(from source: Pod, to address: IPAddress) -> ConnectionSet {
        allowed(source, .egress, other: .address(address))
    }

    public func allowedConnections(from address: IPAddress, to destination: Pod) -> ConnectionSet {
        allowed(destination, .ingress, other: .address(address))
    }
}
