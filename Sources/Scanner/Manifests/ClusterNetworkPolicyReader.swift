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
        guard let subjectField = spec.child("subject") else { throw spec.fail("subject is required") }
        let subject: AdminPolicy.Subject
        if let ns = subjectField.child("namespaces") {
            subject = .namespaces(try PolicyReader.readSelector(ns))
        } else if let pods = subjectField.child("pods") {
            subject = .pods(namespaceSelector: try pods.child("namespaceSelector").map(PolicyReader.readSelector) ?? .everything,
                            podSelector: try pods.child("podSelector").map(PolicyReader.readSelector) ?? .everything)
        } else {
            throw subjectField.fail("subject needs namespaces or pods")
        }
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
                var peers: [AdminPolicy.Peer] = []
                for p in try r.array(peerKey) {
                    if let ns = p.child("namespaces") {
                        peers.append(.namespaces(try PolicyReader.readSelector(ns)))
                    } else if let pods = p.child("pods") {
                        peers.append(.pods(namespaceSelector: try pods.child("namespaceSelector").map(PolicyReader.readSelector) ?? .everything,
                                           podSelector: try pods.child("podSelector").map(PolicyReader.readSelector) ?? .everything))
                    } else if let networks = p.child("networks") {
                        peers.append(.networks(try networks.array().map { f in
                            let text = try f.string()
                            guard let c = CIDR(text) else { throw f.fail("'\(text)' is not a valid CIDR") }
                            return c
                        }))
                    } else if let nodes = p.child("nodes") {
                        warnings.append(nodes.fail("nodes peers are not modelled (node addresses are unknown to a static scan): this peer matches nothing"))
                        peers.append(.nodes(try PolicyReader.readSelector(nodes)))
                    } else {
                        warnings.append(p.fail("unknown peer type: \(action == .allow ? "it matches nothing" : "it denies everything")"))
                        peers.append(action == .allow ? .nodes(.everything) : .namespaces(.everything))
                    }
                }
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
