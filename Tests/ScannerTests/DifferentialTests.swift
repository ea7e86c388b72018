@testable import BulkheadCore
import BulkheadScanner
import Foundation
import Testing

/// The connectivity map is computed from the rules' side for speed. These tests compare it
/// with the definition: every pair of pods and every address range asked one by one.
@Suite struct DifferentialTests {
    /// The definitional map: every pod pair through `allowedConnections`, every global address atom.
    static func reference(_ engine: PolicyEngine) -> [String] {
        let pods = engine.cluster.pods
        var lines: [String: ConnectionSet] = [:]
        func key(_ s: String, _ d: String) -> String { "\(s) => \(d)" }
        for (i, a) in pods.enumerated() {
            for (j, b) in pods.enumerated() where i != j && a.owner != b.owner {
                let c = engine.allowedConnections(from: a, to: b)
                if !c.isEmpty { lines[key(a.owner.description, b.owner.description), default: .none].formUnion(c) }
            }
        }
        var cuts: [IPFamily: Set<UInt128>] = [.v4: [0]]
        var v6 = pods.contains { $0.ips.contains { $0.family == .v6 } }
        for policy in engine.cluster.policies {
            for rule in policy.ingress + policy.egress {
                for case let .ipBlock(block) in rule.peers ?? [] {
                    for cidr in [block.cidr] + block.except {
                        if cidr.family == .v6 { v6 = true }
                        cuts[cidr.family, default: [0]].insert(cidr.first)
                        if cidr.last < cidr.family.maxValue { cuts[cidr.family, default: [0]].insert(cidr.last + 1) }
                    }
                }
            }
        }
        if v6 { cuts[.v6, default: []].insert(0) }
        var external: [String] = []
        for family in [IPFamily.v4, .v6] {
            guard let starts = cuts[family]?.sorted() else { continue }
            for (i, start) in starts.enumerated() {
                let range = IPRange(family: family, first: start, last: i + 1 < starts.count ? starts[i + 1] - 1 : family.maxValue)
                let address = IPAddress(family: family, value: start)
                var out: [String: ConnectionSet] = [:], inc: [String: ConnectionSet] = [:]
                for pod in pods {
                    out[pod.owner.description, default: .none].formUnion(engine.allowedConnections(from: pod, to: address))
                    inc[pod.owner.description, default: .none].formUnion(engine.allowedConnections(from: address, to: pod))
                }
                for (owner, c) in out where !c.isEmpty { external.append("\(owner) => \(range)[External] : \(c.description)") }
                for (owner, c) in inc where !c.isEmpty { external.append("\(range)[External] => \(owner) : \(c.description)") }
            }
        }
        return lines.map { "\($0.key) : \($0.value.description)" } + external
    }

    static func compare(_ engine: PolicyEngine) -> [String] {
        CorpusLines(ConnectivityMap.compute(engine).lines).differences(from: CorpusLines(reference(engine)))
    }

    @Test(arguments: CorpusTests.cases)
    func corpusCasesAgreeWithTheDefinition(_ name: String) throws {
        let root = try #require(SharedFiles.corpusCases).appendingPathComponent(name)
        let load = try ManifestLoader().load(paths: [root.appendingPathComponent("input").path])
        for options in [ModelOptions(), ModelOptions(ipBlockMatchesPodIPs: true, hostNetworkPodsSelectable: true, inactivePodsAreEndpoints: true)] {
            let differences = Self.compare(PolicyEngine(cluster: load.clusterState(options: options), options: options))
            #expect(differences.isEmpty, Comment(rawValue: "\(name) \(options): " + differences.prefix(10).joined(separator: "\n")))
        }
    }

    @Test(arguments: 0..<200)
    func randomClustersAgreeWithTheDefinition(_ seed: Int) {
        var generator = RandomCluster(seed: UInt64(seed))
        let state = generator.state()
        for options in [ModelOptions(), ModelOptions(ipBlockMatchesPodIPs: true, hostNetworkPodsSelectable: seed % 2 == 0)] {
            let differences = Self.compare(PolicyEngine(cluster: state, options: options))
            #expect(differences.isEmpty, Comment(rawValue: "seed \(seed): " + differences.prefix(10).joined(separator: "\n")))
        }
    }
}

/// A small random cluster from a seed: labels from a tiny vocabulary so that selectors often match.
struct RandomCluster {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }

    mutating func labels() -> [String: String] {
        var l: [String: String] = [:]
        if chance(70) { l["app"] = pick(["a", "b", "c"]) }
        if chance(40) { l["tier"] = pick(["x", "y"]) }
        return l
    }

    mutating func selector() -> LabelSelector {
        switch rng.next() % 5 {
        case 0: return .everything
        case 1: return LabelSelector(matchLabels: ["app": pick(["a", "b", "c"])])
        case 2: return LabelSelector(matchExpressions: [.init(key: "tier", op: pick([.exists, .doesNotExist]))])
        case 3: return LabelSelector(matchExpressions: [.init(key: "app", op: pick([.in, .notIn]), values: [pick(["a", "b"])])])
        default: return LabelSelector(matchLabels: ["tier": pick(["x", "y"])])
        }
    }

    mutating func peer() -> PolicyPeer {
        switch rng.next() % 6 {
        case 0: return .pods(namespaceSelector: nil, podSelector: selector())
        case 1: return .pods(namespaceSelector: selector(), podSelector: nil)
        case 2: return .pods(namespaceSelector: selector(), podSelector: selector())
        case 3: return .pods(namespaceSelector: .everything, podSelector: nil)
        case 4: return .ipBlock(IPBlock(cidr: CIDR(pick(["10.0.0.0/8", "0.0.0.0/0", "192.168.0.0/16", "fd00::/8"]))!,
                                        except: chance(50) ? [CIDR(pick(["10.1.0.0/16", "10.0.0.0/24"]))!] : []))
        default: return .ipBlock(IPBlock(cidr: CIDR(pick(["10.1.0.0/16", "172.16.0.0/12", "8.8.8.8/32"]))!))
        }
    }

    mutating func port() -> PolicyPort {
        let proto = pick([L4Protocol.tcp, .tcp, .udp, .sctp])
        switch rng.next() % 5 {
        case 0: return PolicyPort(proto: proto)
        case 1: return PolicyPort(proto: proto, port: .number(pick([53, 80, 443, 8080])))
        case 2: return PolicyPort(proto: proto, port: .number(8000), endPort: pick([8000, 8080, 9000]))
        default: return PolicyPort(proto: proto, port: .named(pick(["http", "dns", "metrics"])))
        }
    }

    mutating func rule() -> PolicyRule {
        PolicyRule(peers: chance(20) ? nil : (0..<(1 + Int(rng.next() % 2))).map { _ in peer() },
                   ports: chance(30) ? [] : (0..<(1 + Int(rng.next() % 2))).map { _ in port() })
    }

    mutating func state() -> ClusterState {
        var raw = RawObjects()
        let namespaces = ["n1", "n2", "n3"]
        for ns in namespaces { raw.namespaces.append(Namespace(name: ns, labels: labels())) }
        for i in 0..<(4 + Int(rng.next() % 6)) {
            let ns = pick(namespaces)
            var ports: [ContainerPort] = []
            if chance(60) { ports.append(ContainerPort(name: "http", number: pick([80, 8080]), proto: .tcp)) }
            if chance(30) { ports.append(ContainerPort(name: "dns", number: 53, proto: pick([.udp, .tcp]))) }
            if chance(30) { ports.append(ContainerPort(name: "metrics", number: 9090, proto: .tcp)) }
            let ip = IPAddress(pick(["10.1.0.\(i + 1)", "10.2.0.\(i + 1)", "192.168.1.\(i + 1)", "fd00::\(i + 1)"]))!
            let pod = Pod(namespace: ns, name: "p\(i)", labels: labels(), ports: ports, ips: chance(70) ? [ip] : [],
                          hostNetwork: chance(10), owner: WorkloadRef(namespace: ns, name: "w\(i % 4)", kind: "Deployment"))
            raw.pods.append(.init(pod: pod))
        }
        for i in 0..<Int(rng.next() % 6) {
            let types: [Direction]? = pick([nil, [.ingress], [.egress], [.ingress, .egress]])
            raw.policies.append(NetworkPolicy(
                namespace: pick(namespaces), name: "np\(i)", podSelector: selector(), declaredPolicyTypes: types,
                ingress: (0..<Int(rng.next() % 3)).map { _ in rule() }, egress: (0..<Int(rng.next() % 3)).map { _ in rule() }))
        }
        return ClusterState.assemble(raw)
    }
}

struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
