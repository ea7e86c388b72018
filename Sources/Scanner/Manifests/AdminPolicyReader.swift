import BulkheadCore

/// Reads AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1).
enum AdminPolicyReader {
    static func read(_ object: Field, kind: String, name: String, warnings: inout [InputError], source: SourceLocation) throws -> AdminPolicy {
        guard let spec = object.child("spec") else { throw InputError("spec is required", path: "spec") }
        let tier: AdminPolicy.Tier = kind == "AdminNetworkPolicy" ? .admin : .baseline
        var priority = 0
        if tier == .admin {
            guard let p = spec.child("priority") else { throw spec.fail("priority is required") }
            priority = try p.int()
            guard (0...1000).contains(priority) else { throw p.fail("priority must be between 0 and 1000") }
        } else if name != "default" {
            warnings.append(object.fail("a BaselineAdminNetworkPolicy must be named \"default\"; the apiserver rejects \"\(name)\""))
        }
        let subject = try Self.subject(spec)
        func rules(_ key: String, _ peerKey: String) throws -> [AdminPolicy.Rule] {
            try spec.array(key).map { r in
                let actionText = try r.string("action") ?? ""
                guard let action = AdminPolicy.Action(rawValue: actionText), tier == .admin || action != .pass else {
                    throw r.fail("action must be \(tier == .admin ? "Allow, Deny or Pass" : "Allow or Deny"), found '\(actionText)'")
                }
                let peers = try Self.peers(r.array(peerKey), action: action, warnings: &warnings)
                var ports: [AdminPolicy.Port]?
                if r.has("ports") {
                    ports = try r.array("ports").map { p in
                        if let n = p.child("portNumber") {
                            return .number(try proto(n), try n.int("port") ?? 0)
                        } else if let named = p.child("namedPort") {
                            return .named(try named.string())
                        } else if let range = p.child("portRange") {
                            return .range(try proto(range), try range.int("start") ?? 1, try range.int("end") ?? 65535)
                        }
                        throw p.fail("a port needs portNumber, namedPort or portRange")
                    }
                }
                return AdminPolicy.Rule(name: try r.string("name") ?? "", action: action, peers: peers, ports: ports)
            }
        }
        return AdminPolicy(kind: kind, name: name, tier: tier, priority: priority, subject: subject,
                           ingress: try rules("ingress", "from"), egress: try rules("egress", "to"), source: source)
    }

    /// The subject: `namespaces` or `pods` (shared by v1alpha1 and v1alpha2).
    static func subject(_ spec: Field) throws -> AdminPolicy.Subject {
        guard let subjectField = spec.child("subject") else { throw spec.fail("subject is required") }
        if let ns = subjectField.child("namespaces") { return .namespaces(try PolicyReader.readSelector(ns)) }
        if let pods = subjectField.child("pods") {
            return .pods(namespaceSelector: try pods.child("namespaceSelector").map(PolicyReader.readSelector) ?? .everything,
                         podSelector: try pods.child("podSelector").map(PolicyReader.readSelector) ?? .everything)
        }
        throw subjectField.fail("subject needs namespaces or pods")
    }

    /// Peers (shared by v1alpha1 and v1alpha2). An unknown peer type fails closed, as the API
    /// asks: it matches nothing for Allow, everything for Deny and Pass.
    static func peers(_ fields: [Field], action: AdminPolicy.Action, warnings: inout [InputError]) throws -> [AdminPolicy.Peer] {
        try fields.map { p in
            if let ns = p.child("namespaces") { return .namespaces(try PolicyReader.readSelector(ns)) }
            if let pods = p.child("pods") {
                return .pods(namespaceSelector: try pods.child("namespaceSelector").map(PolicyReader.readSelector) ?? .everything,
                             podSelector: try pods.child("podSelector").map(PolicyReader.readSelector) ?? .everything)
            }
            if let networks = p.child("networks") {
                return .networks(try networks.array().map { f in
                    let text = try f.string()
                    guard let c = CIDR(text) else { throw f.fail("'\(text)' is not a valid CIDR") }
                    return c
                })
            }
            if let nodes = p.child("nodes") {
                warnings.append(nodes.fail("nodes peers are not modelled (node addresses are unknown to a static scan): this peer matches nothing"))
                return .nodes(try PolicyReader.readSelector(nodes))
            }
            warnings.append(p.fail("unknown peer type: \(action == .allow ? "it matches nothing" : "it denies everything")"))
            return action == .allow ? .nodes(.everything) : .namespaces(.everything)
        }
    }

    static func proto(_ f: Field) throws -> L4Protocol {
        let text = try f.string("protocol") ?? "TCP"
        guard let p = L4Protocol(rawValue: text) else { throw f.fail("unsupported protocol '\(text)'") }
        return p
    }
}
