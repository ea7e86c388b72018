import BulkheadCore

/// Reads ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2): one kind for both tiers
/// (`spec.tier: Admin | Baseline`), actions Accept, Deny and Pass, and ports as
/// `protocols: [{tcp: {destinationPort: {number | range}}} | {destinationNamedPort: NAME}]`.
/// It maps onto the same tiered model as AdminNetworkPolicy and BaselineAdminNetworkPolicy.
enum ClusterNetworkPolicyReader {
    static func read(_ object: Field, name: String, warnings: inout [InputError], source: SourceLocation) throws -> AdminPolicy {
        guard let spec = object.child("spec") else { throw InputError("spec is required", path: "spec") }
        let tierText = try spec.string("tier") ?? ""
        guard let tier = AdminPolicy.Tier(rawValue: tierText) else { throw spec.fail("tier must be Admin or Baseline, found '\(tierText)'") }
        let priority = try spec.int("priority") ?? 0
        guard (0...1000).contains(priority) else { throw spec.child("priority")!.fail("priority must be between 0 and 1000") }
        let subject = try AdminPolicyReader.subject(spec)
        func rules(_ key: String, _ peerKey: String) throws -> [AdminPolicy.Rule] {
            try spec.array(key).map { r in
                let actionText = try r.string("action") ?? ""
                let action: AdminPolicy.Action
                switch actionText {
                case "Accept": action = .allow
                case "Deny": action = .deny
                case "Pass": action = .pass
                default: throw r.fail("action must be Accept, Deny or Pass, found '\(actionText)'")
                }
                let peers = try AdminPolicyReader.peers(r.array(peerKey), action: action, warnings: &warnings)
                var ports: [AdminPolicy.Port]?
                if r.has("protocols") {
                    ports = []
                    for p in try r.array("protocols") {
                        if let named = p.child("destinationNamedPort") {
                            ports!.append(.named(try named.string()))
                            continue
                        }
                        for (key, proto) in [("tcp", L4Protocol.tcp), ("udp", .udp), ("sctp", .sctp)] {
                            guard let entry = p.child(key) else { continue }
                            guard let dest = entry.child("destinationPort") else { ports!.append(.range(proto, 1, 65535)); continue }
                            if let n = try dest.int("number") {
                                ports!.append(.number(proto, n))
                            } else if let range = dest.child("range") {
                                ports!.append(.range(proto, try range.int("start") ?? 1, try range.int("end") ?? 65535))
                            }
                        }
                    }
                }
                return AdminPolicy.Rule(name: try r.string("name") ?? "", action: action, peers: peers, ports: ports)
            }
        }
        return AdminPolicy(kind: "ClusterNetworkPolicy", name: name, tier: tier, priority: priority, subject: subject,
                           ingress: try rules("ingress", "from"), egress: try rules("egress", "to"), source: source)
    }
}
