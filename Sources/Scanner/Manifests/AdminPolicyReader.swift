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
                guard let action = AdminPolicy.Action(rawValue: actionText), tier == .admin || action != .pass else {
                    throw r.fail("action must be \(tier == .admin ? "Allow, Deny or Pass" : "Allow or Deny"), found '\(actionText)'")
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
                        // Fail closed, as the API asks: an unknown peer matches nothing for Allow,
                        // everything for Deny and Pass.
                        warnings.append(p.fail("unknown peer type: \(action == .allow ? "it matches nothing" : "it denies everything")"))
                        peers.append(action == .allow ? .nodes(.everything) : .namespaces(.everything))
                    }
                }
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

    static func proto(_ f: Field) throws -> L4Protocol {
        let text = try f.string("protocol") ?? "TCP"
        guard let p = L4Protocol(rawValue: text) else { throw f.fail("unsupported protocol '\(text)'") }
        return p
    }
}
