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

        func endpoint(_ pod: Pod) -> MapEndpoint {
            granularity == .workloads || pod.fromTemplate ? .workload(pod.owner) : .pod(namespace: pod.namespace, name: pod.name)
        }

        // Each endpoint once per class its pods fall in (replicas of a template are one class).
        var endpointsOfClass: [[MapEndpoint]] = Array(repeating: [], count: classes.representatives.count)
        var seen: Set<MapEndpointClass> = []
        for (i, pod) in pods.enumerated() {
            let e = endpoint(pod)
            if seen.insert(MapEndpointClass(endpoint: e, cls: classes.classOf[i])).inserted {
                endpointsOfClass[classes.classOf[i]].append(e)
            }
        }

        var merged: [MapEndpoint: [MapEndpoint: ConnectionSet]] = [:]
        func add(_ s: MapEndpoint, _ d: MapEndpoint, _ c: ConnectionSet) {
            guard s != d, !c.isEmpty else { return }
            merged[s, default: [:]][d, default: .none].formUnion(c)
        }

        // Admin tiers are evaluated pair by pair (their first-match order does not fit the
        // rules-side walk); clusters with NetworkPolicies only take the fast path.
        let edges = engine.cluster.adminPolicies.isEmpty ? ClassGraph(engine: engine, classes: classes).edges
            : classes.representatives.map { s in
                var row: [Int: ConnectionSet] = [:]
                for (d, dst) in classes.representatives.enumerated() {
                    let c = engine.allowedConnections(from: s, to: dst)
                    if !c.isEmpty { row[d] = c }
                }
                return row
            }
        for (sc, targets) in edges.enumerated() {
            for (dc, conns) in targets {
                for se in endpointsOfClass[sc] {
                    for de in endpointsOfClass[dc] { add(se, de, conns) }
                }
            }
        }

        // Addresses outside the cluster, per class, cut at that class's own rule boundaries.
        let external = ExternalReach(policies: engine.cluster.policies, pods: pods)
        var egress: [MapEndpoint: [IPRange: ConnectionSet]] = [:]
        var ingress: [MapEndpoint: [IPRange: ConnectionSet]] = [:]
        for (c, rep) in classes.representatives.enumerated() {
            let out = external.ranges(engine, rep, .egress)
            let inc = external.ranges(engine, rep, .ingress)
            for e in endpointsOfClass[c] {
                for (range, conns) in out { egress[e, default: [:]][range, default: .none].formUnion(conns) }
                for (range, conns) in inc { ingress[e, default: [:]][range, default: .none].formUnion(conns) }
            }
        }
        for (e, byRange) in egress {
            for (range, conns) in ExternalAtoms.merge(ExternalAtoms.refine(byRange)) { add(e, .external(range), conns) }
        }
        for (e, byRange) in ingress {
            for (range, conns) in ExternalAtoms.merge(ExternalAtoms.refine(byRange)) { add(.external(range), e, conns) }
        }

        var keyed: [(String, MapEntry)] = []
        for (s, dsts) in merged {
            for (d, c) in dsts {
                let entry = MapEntry(source: s, destination: d, connections: c)
                keyed.append((entry.line, entry))
            }
        }
        keyed.sort { $0.0 < $1.0 }
        return ConnectivityMap(entries: keyed.map(\.1))
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

/// Helpers for address ranges of one endpoint.
enum ExternalAtoms {
    /// When an endpoint stands for several classes (pods of one workload with different labels),
    /// their ranges may overlap: cut them into disjoint pieces holding the union.
    static func refine(_ byRange: [IPRange: ConnectionSet]) -> [IPRange: ConnectionSet] {
        guard byRange.count > 1 else { return byRange }
        var result: [IPRange: ConnectionSet] = [:]
        for family in [IPFamily.v4, .v6] {
            let ranges = byRange.filter { $0.key.family == family }
            guard !ranges.isEmpty else { continue }
            var cuts: Set<UInt128> = []
            for range in ranges.keys {
                cuts.insert(range.first)
                if range.last < family.maxValue { cuts.insert(range.last + 1) }
            }
            let starts = cuts.sorted()
            for (i, start) in starts.enumerated() {
                let end = i + 1 < starts.count ? starts[i + 1] - 1 : family.maxValue
                var conns = ConnectionSet()
                var covered = false
                for (range, c) in ranges where range.first <= start && start <= range.last {
                    conns.formUnion(c)
                    covered = true
                }
                if covered { result[IPRange(family: family, first: start, last: end)] = conns }
            }
        }
        return result
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
