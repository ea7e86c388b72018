/// Why a connection is allowed or denied, direction by direction, naming policies and rules.
public struct Explanation: Sendable {
    public struct PortQuery: Sendable, Hashable {
        public var port: Int
        public var proto: L4Protocol

        /// `443/TCP`, `53/udp` or `8080` (TCP).
        public init?(_ text: String) {
            let parts = text.split(separator: "/")
            guard (1...2).contains(parts.count), let n = Int(parts[0]), (1...65535).contains(n) else { return nil }
            port = n
            if parts.count == 2 {
                guard let p = L4Protocol(rawValue: parts[1].uppercased()) else { return nil }
                proto = p
            } else {
                proto = .tcp
            }
        }

        public var connections: ConnectionSet { .ports(proto, PortSet(port, port)) }
        public var description: String { "\(port)/\(proto.rawValue)" }
    }

    public struct Side: Sendable {
        public var direction: Direction
        public var pod: Pod
        public var isolatingPolicies: [NetworkPolicy]
        public var matches: [RuleMatch]
        public var allowed: ConnectionSet
    }

    public var source: Pod
    public var destination: Pod
    public var port: PortQuery?
    public var egress: Side
    public var ingress: Side
    public var result: ConnectionSet
    private let engine: PolicyEngine

    public init(engine: PolicyEngine, source: Pod, destination: Pod, port: PortQuery?) {
        self.source = source
        self.destination = destination
        self.port = port
        self.engine = engine
        func side(_ pod: Pod, _ direction: Direction, other: Pod) -> Side {
            let policies = engine.policies(selecting: pod, direction)
            let matches = policies.isEmpty ? [] : engine.matchingRules(pod, direction, other: .pod(other))
            return Side(direction: direction, pod: pod, isolatingPolicies: policies, matches: matches,
                        allowed: engine.allowed(pod, direction, other: .pod(other)))
        }
        egress = side(source, .egress, other: destination)
        ingress = side(destination, .ingress, other: source)
        result = egress.allowed.intersection(ingress.allowed)
    }

    public var isAllowed: Bool {
        if let port { return !result.intersection(port.connections).isEmpty }
        return !result.isEmpty
    }

    /// Finds a pod by `ns/name`: a workload name (its first pod) or a pod name.
    public static func findPod(_ text: String, in cluster: ClusterState) -> Pod? {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        var name = parts[1]
        var kind: String?
        if name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
            kind = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            name = String(name[..<open])
        }
        return cluster.pods.first { $0.namespace == parts[0] && $0.owner.name == name && (kind == nil || $0.owner.kind == kind) }
            ?? cluster.pods.first { $0.namespace == parts[0] && $0.name == name }
    }

    public var text: String {
        let subject = port.map { " on \($0.description)" } ?? ""
        var out = "\(source.owner) => \(destination.owner)\(subject): \(isAllowed ? "ALLOWED" : "DENIED")\n"
        if port == nil { out += "  allowed connections: \(result.description)\n" }
        for side in [egress, ingress] {
            let label = side.direction == .egress ? "egress from \(side.pod.owner)" : "ingress to \(side.pod.owner)"
            let sideAllows = port.map { !side.allowed.intersection($0.connections).isEmpty } ?? !side.allowed.isEmpty
            out += "\n\(label): \(sideAllows ? "allowed" : "denied")\n"
            if engine.isHostNetworked(side.pod) {
                out += "  the pod uses the host network: NetworkPolicy does not select it\n"
                continue
            }
            if side.isolatingPolicies.isEmpty {
                out += "  not isolated for \(side.direction.rawValue.lowercased()): no NetworkPolicy selects it with \(side.direction.rawValue) in policyTypes\n"
                continue
            }
            let names = side.isolatingPolicies.map { "\($0.namespace)/\($0.name)" }.joined(separator: ", ")
            out += "  isolated by: \(names)\n"
            let relevant = side.matches.filter { match in port.map { !match.connections.intersection($0.connections).isEmpty } ?? !match.connections.isEmpty }
            if relevant.isEmpty {
                out += "  no rule of these policies matches \(side.direction == .egress ? "the destination" : "the source")\(subject)\n"
            }
            for match in relevant {
                out += "  allowed by \(match.policy.namespace)/\(match.policy.name) \(match.path): \(match.connections.description)\n"
            }
        }
        return out
    }
}
