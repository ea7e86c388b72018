/// Connectivity between pod classes, computed from the rules' side rather than by testing
/// every pair: cost grows with the peers the rules select and with the size of the answer,
/// not with the square of the number of classes.
struct ClassGraph {
    let engine: PolicyEngine
    let classes: PodClasses
    /// Allowed connections, sparse: source class → destination class → connections.
    private(set) var edges: [[Int: ConnectionSet]]

    private let policies: [NetworkPolicy]
    private var classesByNamespace: [String: [Int]] = [:]
    private var namespaceNames: [String] = []
    private var memberCache: [PeerKey: [Int]] = [:]
    private var namespaceSelection: [LabelSelector: [String]] = [:]
    /// Classes an ipBlock can match at all: those with IPs, when the model lets ipBlocks match pods.
    private var addressableClasses: [Int] = []
    /// Per rule (policy, direction, index): the classes its peers select (nil: all), as a set.
    private var ruleMembers: [RuleKey: Set<Int>?] = [:]
    private var hostNetworked: [Bool] = []

    struct PeerKey: Hashable {
        var namespace: String
        var peer: PolicyPeer
    }

    struct RuleKey: Hashable {
        var policy: Int
        var direction: Direction
        var rule: Int
    }

    /// A rule of a policy that isolates a class, with what it allows when that does not depend on the destination.
    struct ApplicableRule {
        var key: RuleKey
        var rule: PolicyRule
        var fixed: ConnectionSet?
    }

    private mutating func members(_ key: RuleKey) -> Set<Int>? {
        if let cached = ruleMembers[key] { return cached }
        let policy = policies[key.policy]
        let rule = policy.rules(key.direction)[key.rule]
        var result: Set<Int>?
        if let peers = rule.peers {
            var set = Set<Int>()
            for peer in peers { set.formUnion(members(peer, in: policy)) }
            result = set
        }
        ruleMembers[key] = result
        return result
    }

    private mutating func members(_ peer: PolicyPeer, in policy: NetworkPolicy) -> [Int] {
        // Only a peer without namespaceSelector depends on the policy's namespace.
        let key: PeerKey
        switch peer {
        case .pods(namespaceSelector: nil, _): key = PeerKey(namespace: policy.namespace, peer: peer)
        default: key = PeerKey(namespace: "", peer: peer)
        }
        if let cached = memberCache[key] { return cached }
        var result: [Int] = []
        switch peer {
        case let .pods(namespaceSelector, podSelector):
            let namespaces: [String]
            if let namespaceSelector {
                if let cached = namespaceSelection[namespaceSelector] {
                    namespaces = cached
                } else {
                    namespaces = namespaceNames.filter { namespaceSelector.matches(engine.cluster.namespaceLabels($0)) }
                    namespaceSelection[namespaceSelector] = namespaces
                }
            } else {
                namespaces = [policy.namespace]
            }
            // The same test as PolicyEngine.peerMatches, without copying each pod.
            for ns in namespaces {
                for c in classesByNamespace[ns] ?? [] where !hostNetworked[c] {
                    if let podSelector, !podSelector.matches(classes.representatives[c].labels) { continue }
                    result.append(c)
                }
            }
        case .ipBlock:
            for c in addressableClasses where engine.peerMatches(peer, in: policy, .pod(classes.representatives[c])) {
                result.append(c)
            }
        }
        memberCache[key] = result
        return result
    }

    init(engine: PolicyEngine, classes: PodClasses) {
        self.engine = engine
        self.classes = classes
        policies = engine.cluster.policies
        let reps = classes.representatives
        edges = Array(repeating: [:], count: reps.count)
        hostNetworked = reps.map { engine.isHostNetworked($0) }
        for (c, rep) in reps.enumerated() {
            classesByNamespace[rep.namespace, default: []].append(c)
            if !rep.ips.isEmpty && (engine.options.ipBlockMatchesPodIPs || engine.isHostNetworked(rep)) { addressableClasses.append(c) }
        }
        namespaceNames = engine.cluster.sortedNamespaceNames
        for ns in classesByNamespace.keys where engine.cluster.namespaces[ns] == nil { namespaceNames.append(ns) }

        var policyIndexesByNamespace: [String: [Int]] = [:]
        for (i, p) in policies.enumerated() { policyIndexesByNamespace[p.namespace, default: []].append(i) }
        func applicable(_ c: Int, _ direction: Direction) -> [ApplicableRule] {
            let rep = reps[c]
            if engine.isHostNetworked(rep) { return [] }
            var result: [ApplicableRule] = []
            for p in policyIndexesByNamespace[rep.namespace] ?? [] where policies[p].affects(direction) && policies[p].selects(rep) {
                for (i, rule) in policies[p].rules(direction).enumerated() {
                    let named = rule.ports.contains { if case .named = $0.port { return true } else { return false } }
                    result.append(ApplicableRule(key: RuleKey(policy: p, direction: direction, rule: i), rule: rule,
                                                 fixed: named ? nil : engine.connections(of: rule, towards: nil)))
                }
            }
            return result
        }
        // A class is isolated when some policy selects it for the direction, even one without rules.
        func isolated(_ c: Int, _ direction: Direction) -> Bool {
            let rep = reps[c]
            if engine.isHostNetworked(rep) { return false }
            return (policyIndexesByNamespace[rep.namespace] ?? []).contains { policies[$0].affects(direction) && policies[$0].selects(rep) }
        }
        let ingressIsolated = reps.indices.map { isolated($0, .ingress) }
        let egressIsolated = reps.indices.map { isolated($0, .egress) }
        let ingressRules = reps.indices.map { applicable($0, .ingress) }
        let egressRules = reps.indices.map { applicable($0, .egress) }

        // What the source's egress rules allow towards one destination class.
        func egressAllows(_ s: Int, _ d: Int) -> ConnectionSet {
            var result = ConnectionSet()
            for r in egressRules[s] {
                let m = members(r.key)
                if let m, !m.contains(d) { continue }
                result.formUnion(r.fixed ?? engine.connections(of: r.rule, towards: reps[d]))
            }
            return result
        }

        // Destinations isolated for ingress: walk their rules' peers.
        for d in reps.indices where ingressIsolated[d] {
            var incoming: [Int: ConnectionSet] = [:]
            for r in ingressRules[d] {
                let conns = r.fixed ?? engine.connections(of: r.rule, towards: reps[d])
                if conns.isEmpty { continue }
                if let sources = members(r.key) {
                    for s in sources { incoming[s, default: .none].formUnion(conns) }
                } else {
                    for s in reps.indices { incoming[s, default: .none].formUnion(conns) }
                }
            }
            for (s, conns) in incoming {
                let allowed = egressIsolated[s] ? conns.intersection(egressAllows(s, d)) : conns
                if !allowed.isEmpty { edges[s][d] = allowed }
            }
        }

        // Destinations open for ingress: open sources reach them fully; isolated sources by their egress rules.
        let openDestinations = reps.indices.filter { !ingressIsolated[$0] }
        for s in reps.indices where !egressIsolated[s] {
            for d in openDestinations { edges[s][d] = .all }
        }
        for s in reps.indices where egressIsolated[s] {
            var outgoing: [Int: ConnectionSet] = [:]
            for r in egressRules[s] {
                let targets = members(r.key).map { Array($0) } ?? Array(reps.indices)
                for d in targets where !ingressIsolated[d] {
                    let conns = r.fixed ?? engine.connections(of: r.rule, towards: reps[d])
                    if !conns.isEmpty { outgoing[d, default: .none].formUnion(conns) }
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
        if !engine.cluster.adminPolicies.isEmpty { return tieredRanges(engine, pod, direction) }
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

    /// With admin tiers: the address space cut at every ipBlock and `networks` boundary, each
    /// piece asked of the tiered decision through its first address.
    func tieredRanges(_ engine: PolicyEngine, _ pod: Pod, _ direction: Direction) -> [(IPRange, ConnectionSet)] {
        var cidrs: [CIDR] = []
        for policy in engine.cluster.policies {
            for rule in policy.ingress + policy.egress {
                for case let .ipBlock(block) in rule.peers ?? [] { cidrs += [block.cidr] + block.except }
            }
        }
        for policy in engine.cluster.adminPolicies {
            for rule in policy.ingress + policy.egress {
                for case let .networks(list) in rule.peers { cidrs += list }
            }
        }
        var result: [(IPRange, ConnectionSet)] = []
        for family in families {
            var cuts: Set<UInt128> = [0]
            for c in cidrs where c.family == family {
                cuts.insert(c.first)
                if c.last < family.maxValue { cuts.insert(c.last + 1) }
            }
            let starts = cuts.sorted()
            for (i, start) in starts.enumerated() {
                let end = i + 1 < starts.count ? starts[i + 1] - 1 : family.maxValue
                let address = IPAddress(family: family, value: start)
                let conns = direction == .egress ? engine.allowedConnections(from: pod, to: address) : engine.allowedConnections(from: address, to: pod)
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

extension PolicyEngine {
    /// What a pod's side allows towards (egress) or from (ingress) addresses outside the
    /// cluster, as address ranges cut at its own rules' boundaries.
    public func externalRanges(_ pod: Pod, _ direction: Direction) -> [(IPRange, ConnectionSet)] {
        ExternalReach(policies: cluster.policies, pods: cluster.pods).ranges(self, pod, direction)
    }
}
