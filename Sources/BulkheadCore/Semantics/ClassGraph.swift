/// Connectivity between pod classes, computed from the rules' side rather than by testing
/// every pair: cost grows with the peers the rules select and with the size of the answer,
/// not with the square of the number of classes.
struct ClassGraph {
    let engine: PolicyEngine
    let classes: PodClasses
    /// Allowed connections, sparse: source class → destination class → connections.
    private(set) var edges: [[Int: ConnectionSet]]

    private var classesByNamespace: [String: [Int]] = [:]
    private var namespaceNames: [String] = []
    private var memberCache: [PeerKey: [Int]] = [:]

    struct PeerKey: Hashable {
        var namespace: String
        var peer: PolicyPeer
    }

    /// Which classes a rule's peers select; nil means every class.
    private mutating func members(_ rule: PolicyRule, in policy: NetworkPolicy) -> [Int]? {
        guard let peers = rule.peers else { return nil }
        var result = Set<Int>()
        for peer in peers { result.formUnion(members(peer, in: policy)) }
        return result.sorted()
    }

    private mutating func members(_ peer: PolicyPeer, in policy: NetworkPolicy) -> [Int] {
        let key = PeerKey(namespace: policy.namespace, peer: peer)
        if let cached = memberCache[key] { return cached }
        var result: [Int] = []
        switch peer {
        case let .pods(namespaceSelector, _):
            let namespaces: [String]
            if let namespaceSelector {
                namespaces = namespaceNames.filter { namespaceSelector.matches(engine.cluster.namespaceLabels($0)) }
            } else {
                namespaces = [policy.namespace]
            }
            for ns in namespaces {
                for c in classesByNamespace[ns] ?? [] where engine.peerMatches(peer, in: policy, .pod(classes.representatives[c])) {
                    result.append(c)
                }
            }
        case .ipBlock:
            for (c, rep) in classes.representatives.enumerated() where !rep.ips.isEmpty && engine.peerMatches(peer, in: policy, .pod(rep)) {
                result.append(c)
            }
        }
        memberCache[key] = result
        return result
    }

    init(engine: PolicyEngine, classes: PodClasses) {
        self.engine = engine
        self.classes = classes
        let reps = classes.representatives
        edges = Array(repeating: [:], count: reps.count)
        for (c, rep) in reps.enumerated() { classesByNamespace[rep.namespace, default: []].append(c) }
        namespaceNames = engine.cluster.sortedNamespaceNames
        for ns in classesByNamespace.keys where engine.cluster.namespaces[ns] == nil { namespaceNames.append(ns) }

        let ingressIsolated = reps.map { engine.isIsolated($0, .ingress) }
        let egressIsolated = reps.map { engine.isIsolated($0, .egress) }
        let openSources = reps.indices.filter { !egressIsolated[$0] }

        // Destinations isolated for ingress: walk their rules' peers.
        for d in reps.indices where ingressIsolated[d] {
            var incoming: [Int: ConnectionSet] = [:]
            for policy in engine.policies(selecting: reps[d], .ingress) {
                for rule in policy.ingress {
                    let conns = engine.connections(of: rule, towards: reps[d])
                    if conns.isEmpty { continue }
                    if let sources = members(rule, in: policy) {
                        for s in sources { incoming[s, default: .none].formUnion(conns) }
                    } else {
                        for s in reps.indices { incoming[s, default: .none].formUnion(conns) }
                    }
                }
            }
            for (s, conns) in incoming {
                let allowed = egressIsolated[s] ? conns.intersection(engine.allowed(reps[s], .egress, other: .pod(reps[d]))) : conns
                if !allowed.isEmpty { edges[s][d] = allowed }
            }
        }

        // Destinations open for ingress: open sources reach them fully; isolated sources by their egress rules.
        let openDestinations = reps.indices.filter { !ingressIsolated[$0] }
        for s in openSources {
            for d in openDestinations { edges[s][d] = .all }
        }
        for s in reps.indices where egressIsolated[s] {
            var outgoing: [Int: ConnectionSet] = [:]
            for policy in engine.policies(selecting: reps[s], .egress) {
                for rule in policy.egress {
                    let targets = members(rule, in: policy) ?? Array(reps.indices)
                    let dependsOnTarget = rule.ports.contains { if case .named = $0.port { return true } else { return false } }
                    let fixed = dependsOnTarget ? nil : engine.connections(of: rule, towards: nil)
                    for d in targets where !ingressIsolated[d] {
                        let conns = fixed ?? engine.connections(of: rule, towards: reps[d])
                        if !conns.isEmpty { outgoing[d, default: .none].formUnion(conns) }
                    }
                }
            }
            for (d, conns) in outgoing { edges[s][d] = conns }
        }
    }
}

/// Connectivity between one class and the addresses outside the cluster, per direction.
struct ExternalReach {
    /// Whether the IPv6 address space is shown at all.
    let showIPv6: Bool

    init(policies: [NetworkPolicy], pods: [Pod]) {
        var v6 = pods.contains { $0.ips.contains { $0.family == .v6 } }
        for policy in policies where !v6 {
            for rule in policy.ingress + policy.egress {
                for case let .ipBlock(block) in rule.peers ?? [] where block.cidr.family == .v6 { v6 = true }
            }
        }
        showIPv6 = v6
    }

    var families: [IPFamily] { showIPv6 ? [.v4, .v6] : [.v4] }

    /// Ranges and what each allows, cut at the boundaries of this pod's own rules and merged.
    func ranges(_ engine: PolicyEngine, _ pod: Pod, _ direction: Direction) -> [(IPRange, ConnectionSet)] {
        guard engine.isIsolated(pod, direction) else {
            return families.map { (IPRange(family: $0, first: 0, last: $0.maxValue), ConnectionSet.all) }
        }
        var pieces: [(IPSet, ConnectionSet)] = []
        for policy in engine.policies(selecting: pod, direction) {
            for rule in policy.rules(direction) {
                let conns = engine.connections(of: rule, towards: direction == .ingress ? pod : nil)
                if conns.isEmpty { continue }
                guard let peers = rule.peers else {
                    pieces.append((.everything, conns))
                    continue
                }
                var addresses = IPSet()
                for case let .ipBlock(block) in peers { addresses = addresses.union(block.addresses) }
                if !addresses.isEmpty { pieces.append((addresses, conns)) }
            }
        }
        var result: [(IPRange, ConnectionSet)] = []
        for family in families {
            var cuts: Set<UInt128> = [0]
            for (set, _) in pieces {
                for interval in set.intervals(family).intervals {
                    cuts.insert(interval.lower)
                    if interval.upper < family.maxValue { cuts.insert(interval.upper + 1) }
                }
            }
            let starts = cuts.sorted()
            for (i, start) in starts.enumerated() {
                let end = i + 1 < starts.count ? starts[i + 1] - 1 : family.maxValue
                var conns = ConnectionSet()
                for (set, c) in pieces where set.intervals(family).contains(start) { conns.formUnion(c) }
                if let last = result.last, last.0.family == family, last.1 == conns {
                    result[result.count - 1].0.last = end
                } else {
                    result.append((IPRange(family: family, first: start, last: end), conns))
                }
            }
        }
        return result.filter { !$0.1.isEmpty }
    }
}
