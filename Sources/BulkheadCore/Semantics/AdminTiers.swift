/// The tiered evaluation of one direction at one pod (semantics notes §5): Admin-tier rules
/// by priority, first match deciding (Allow and Deny final, Pass to the next tier); then
/// NetworkPolicy, final for pods it isolates; then the Baseline tier; then allow.
extension PolicyEngine {
    public func adminSelects(_ policy: AdminPolicy, _ pod: Pod) -> Bool {
        // Host-networked pods are never subjects of admin policies.
        if pod.hostNetwork { return false }
        switch policy.subject {
        case let .namespaces(selector):
            return selector.matches(cluster.namespaceLabels(pod.namespace))
        case let .pods(namespaceSelector, podSelector):
            return namespaceSelector.matches(cluster.namespaceLabels(pod.namespace)) && podSelector.matches(pod.labels)
        }
    }

    func adminPeerMatches(_ peer: AdminPolicy.Peer, _ other: Peer) -> Bool {
        switch (peer, other) {
        case let (.namespaces(selector), .pod(q)):
            return !q.hostNetwork && selector.matches(cluster.namespaceLabels(q.namespace))
        case let (.pods(namespaceSelector, podSelector), .pod(q)):
            return !q.hostNetwork && namespaceSelector.matches(cluster.namespaceLabels(q.namespace)) && podSelector.matches(q.labels)
        case let (.networks(cidrs), .pod(q)):
            // `networks` peers match pod IPs too (unlike the ipBlock guidance).
            return q.ips.contains { ip in cidrs.contains { $0.contains(ip) } }
        case let (.networks(cidrs), .address(a)):
            return cidrs.contains { $0.contains(a) }
        case (.nodes, _), (.namespaces, .address), (.pods, .address):
            return false
        }
    }

    func adminConnections(_ rule: AdminPolicy.Rule, towards destination: Pod?) -> ConnectionSet {
        guard let ports = rule.ports else { return .all }
        var result = ConnectionSet()
        for p in ports {
            switch p {
            case let .number(proto, n): result.add(proto, PortSet(n, n))
            case let .range(proto, a, b): result.add(proto, PortSet(a, b))
            case let .named(name):
                for cp in destination?.ports ?? [] where cp.name == name { result.add(cp.proto, PortSet(cp.number, cp.number)) }
            }
        }
        return result
    }

    /// The admin policy rules that decide, in order, for this pod and direction.
    public func adminDecision(_ pod: Pod, _ direction: Direction, other: Peer) -> ConnectionSet {
        let destination: Pod? = direction == .ingress ? pod : { if case let .pod(q) = other { return q } else { return nil } }()
        var remaining = ConnectionSet.all
        var allowed = ConnectionSet()
        var passed = ConnectionSet()
        for policy in cluster.adminPolicies where policy.tier == .admin && adminSelects(policy, pod) {
            for rule in policy.rules(direction) where rule.peers.contains(where: { adminPeerMatches($0, other) }) {
                let hit = remaining.intersection(adminConnections(rule, towards: destination))
                if hit.isEmpty { continue }
                switch rule.action {
                case .allow: allowed.formUnion(hit)
                case .deny: break
                case .pass: passed.formUnion(hit)
                }
                remaining = remaining.subtracting(hit)
                if remaining.isEmpty { break }
            }
        }
        // What no admin rule decided, and what Pass handed down, goes to the NetworkPolicy tier.
        let lower = remaining.union(passed)
        if lower.isEmpty { return allowed }
        if isIsolated(pod, direction) {
            return allowed.union(lower.intersection(networkPolicyAllowed(pod, direction, other: other)))
        }
        var rest = lower
        for policy in cluster.adminPolicies where policy.tier == .baseline && adminSelects(policy, pod) {
            for rule in policy.rules(direction) where rule.peers.contains(where: { adminPeerMatches($0, other) }) {
                let hit = rest.intersection(adminConnections(rule, towards: destination))
                if rule.action == .allow { allowed.formUnion(hit) }
                rest = rest.subtracting(hit)
            }
        }
        return allowed.union(rest)
    }
}
