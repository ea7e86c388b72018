/// One end of a line in the connectivity map.
public enum MapEndpoint: Sendable, Hashable, Comparable, CustomStringConvertible {
    case workload(WorkloadRef)
    case pod(namespace: String, name: String)
    case external(IPRange)

    public var description: String {
        switch self {
        case let .workload(ref): return ref.description
        case let .pod(namespace, name): return "\(namespace)/\(name)[Pod]"
        case let .external(range): return "\(range)[External]"
        }
    }

    public var namespace: String? {
        switch self {
        case let .workload(ref): return ref.namespace
        case let .pod(namespace, _): return namespace
        case .external: return nil
        }
    }

    public static func < (a: MapEndpoint, b: MapEndpoint) -> Bool { a.description < b.description }
}

public struct MapEntry: Sendable, Hashable {
    public var source: MapEndpoint
    public var destination: MapEndpoint
    public var connections: ConnectionSet

    public var line: String { "\(source) => \(destination) : \(connections.description)" }
}

public enum EndpointGranularity: String, Sendable, Codable, CaseIterable {
    case workloads, pods
}

/// Who can reach whom, on which protocols and ports.
///
/// Cost grows with the number of distinct pod shapes, not with pod pairs: pods with the same
/// namespace, labels, ports (and IPs, when ipBlocks match pod IPs) are one equivalence class
/// and are evaluated once per class pair.
public struct ConnectivityMap: Sendable {
    public var entries: [MapEntry]

    public static func compute(_ engine: PolicyEngine, granularity: EndpointGranularity = .workloads) -> ConnectivityMap {
        let pods = engine.cluster.pods
        let classes = PodClasses(pods: pods, keyIPs: engine.options.ipBlockMatchesPodIPs)
        let atoms = ExternalAtoms(policies: engine.cluster.policies, pods: pods)

        func endpoint(_ pod: Pod) -> MapEndpoint {
            granularity == .workloads || pod.fromTemplate ? .workload(pod.owner) : .pod(namespace: pod.namespace, name: pod.name)
        }

        // Connections between classes, computed once per pair.
        let reps = classes.representatives
        var classConns: [[ConnectionSet]] = []
        classConns.reserveCapacity(reps.count)
        for src in reps {
            classConns.append(reps.map { dst in engine.allowedConnections(from: src, to: dst) })
        }

        var merged: [MapEndpoint: [MapEndpoint: ConnectionSet]] = [:]
        func add(_ s: MapEndpoint, _ d: MapEndpoint, _ c: ConnectionSet) {
            guard s != d, !c.isEmpty else { return }
            merged[s, default: [:]][d, default: .none].formUnion(c)
        }
        // Each endpoint once per class its pods fall in (replicas of a template are one class).
        var members: [(MapEndpoint, Int)] = []
        var seen: Set<MapEndpointClass> = []
        for (i, pod) in pods.enumerated() {
            let e = endpoint(pod)
            if seen.insert(MapEndpointClass(endpoint: e, cls: classes.classOf[i])).inserted {
                members.append((e, classes.classOf[i]))
            }
        }
        for (se, sc) in members {
            for (de, dc) in members { add(se, de, classConns[sc][dc]) }
        }

        // External atoms: per class, then adjacent atoms merged per endpoint where it sees the same.
        let egressByAtom = atoms.ranges.map { atom in reps.map { engine.allowedConnections(from: $0, to: atom.representative) } }
        let ingressByAtom = atoms.ranges.map { atom in reps.map { engine.allowedConnections(from: atom.representative, to: $0) } }
        var externalEgress: [MapEndpoint: [IPRange: ConnectionSet]] = [:]
        var externalIngress: [MapEndpoint: [IPRange: ConnectionSet]] = [:]
        for (e, c) in members {
            for (k, atom) in atoms.ranges.enumerated() {
                externalEgress[e, default: [:]][atom.range, default: .none].formUnion(egressByAtom[k][c])
                externalIngress[e, default: [:]][atom.range, default: .none].formUnion(ingressByAtom[k][c])
            }
        }
        for (e, byRange) in externalEgress {
            for (range, conns) in ExternalAtoms.merge(byRange) { add(e, .external(range), conns) }
        }
        for (e, byRange) in externalIngress {
            for (range, conns) in ExternalAtoms.merge(byRange) { add(.external(range), e, conns) }
        }

        var entries: [MapEntry] = []
        for (s, dsts) in merged {
            for (d, c) in dsts { entries.append(MapEntry(source: s, destination: d, connections: c)) }
        }
        entries.sort { $0.line < $1.line }
        return ConnectivityMap(entries: entries)
    }

    public var lines: [String] { entries.map(\.line) }
}

struct MapEndpointClass: Hashable {
    var endpoint: MapEndpoint
    var cls: Int
}

/// Pods grouped by everything the policy semantics can observe.
struct PodClasses {
    var representatives: [Pod] = []
    var classOf: [Int] = []

    struct Key: Hashable {
        var namespace: String
        var labels: [String: String]
        var ports: [ContainerPort]
        var hostNetwork: Bool
        var ips: [IPAddress]
    }

    init(pods: [Pod], keyIPs: Bool) {
        var index: [Key: Int] = [:]
        classOf.reserveCapacity(pods.count)
        for pod in pods {
            let key = Key(namespace: pod.namespace, labels: pod.labels, ports: pod.ports, hostNetwork: pod.hostNetwork,
                          ips: keyIPs || pod.hostNetwork ? pod.ips : [])
            if let existing = index[key] {
                classOf.append(existing)
            } else {
                index[key] = representatives.count
                classOf.append(representatives.count)
                representatives.append(pod)
            }
        }
    }
}

/// The address space outside the cluster cut at every ipBlock boundary, so that each atom is
/// inside or outside every block as a whole. IPv6 is modelled only when a policy or pod names
/// an IPv6 address (as the common analyzers print it).
struct ExternalAtoms {
    struct Atom {
        var range: IPRange
        var representative: IPAddress
    }

    var ranges: [Atom] = []

    init(policies: [NetworkPolicy], pods: [Pod]) {
        var cuts: [IPFamily: Set<UInt128>] = [.v4: [0]]
        func cut(_ cidr: CIDR) {
            cuts[cidr.family, default: [0]].insert(cidr.first)
            if cidr.last < cidr.family.maxValue { cuts[cidr.family, default: [0]].insert(cidr.last + 1) }
        }
        for policy in policies {
            for rule in policy.ingress + policy.egress {
                for case let .ipBlock(block) in rule.peers ?? [] {
                    cut(block.cidr)
                    block.except.forEach(cut)
                }
            }
        }
        if pods.contains(where: { $0.ips.contains { $0.family == .v6 } }) { cuts[.v6, default: [0]].insert(0) }
        for family in [IPFamily.v4, .v6] {
            guard let starts = cuts[family]?.sorted() else { continue }
            for (i, start) in starts.enumerated() {
                let end = i + 1 < starts.count ? starts[i + 1] - 1 : family.maxValue
                ranges.append(Atom(range: IPRange(family: family, first: start, last: end),
                                   representative: IPAddress(family: family, value: start)))
            }
        }
    }

    /// Adjacent ranges with the same connections, merged.
    static func merge(_ byRange: [IPRange: ConnectionSet]) -> [(IPRange, ConnectionSet)] {
        var result: [(IPRange, ConnectionSet)] = []
        for (range, conns) in byRange.sorted(by: { $0.key < $1.key }) {
            if let last = result.last, last.0.family == range.family, last.0.last &+ 1 == range.first, last.1 == conns {
                result[result.count - 1].0.last = range.last
            } else {
                result.append((range, conns))
            }
        }
        return result
    }
}
