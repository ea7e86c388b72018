import BulkheadCore

/// Renders a rule back to YAML (defaults applied), so that a finding shows the offending
/// part of the policy as Kubernetes reads it.
enum PolicyExcerpt {
    static func rule(_ rule: PolicyRule, _ direction: Direction) -> String {
        var lines: [String] = []
        if let peers = rule.peers {
            lines.append("- \(direction.peerField):")
            for peer in peers { lines += self.peer(peer).enumerated().map { $0 == 0 ? "  - " + $1 : "    " + $1 } }
        } else {
            lines.append("- \(direction.peerField): []    # every pod and every address")
        }
        let indent = "  "
        if rule.ports.isEmpty {
            lines.append(indent + "ports: []    # every port of every protocol")
        } else {
            lines.append(indent + "ports:")
            for p in rule.ports {
                var fields = ["protocol: \(p.proto.rawValue)"]
                if let port = p.port { fields.append("port: \(port)") }
                if let end = p.endPort { fields.append("endPort: \(end)") }
                lines.append(indent + "- {\(fields.joined(separator: ", "))}")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func peer(_ peer: PolicyPeer) -> [String] {
        switch peer {
        case let .pods(namespaceSelector, podSelector):
            var out: [String] = []
            if let namespaceSelector { out.append("namespaceSelector: \(selector(namespaceSelector))") }
            if let podSelector { out.append("podSelector: \(selector(podSelector))") }
            return out
        case let .ipBlock(block):
            let except = block.except.isEmpty ? "" : ", except: [\(block.except.map(\.description).joined(separator: ", "))]"
            return ["ipBlock: {cidr: \(block.cidr)\(except)}"]
        }
    }

    static func selector(_ s: LabelSelector) -> String {
        if s.isEmpty { return "{}" }
        var parts: [String] = []
        if !s.matchLabels.isEmpty {
            parts.append("matchLabels: {" + s.matchLabels.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}")
        }
        if !s.matchExpressions.isEmpty {
            let exprs = s.matchExpressions.map { r -> String in
                var e = "{key: \(r.key), operator: \(r.op.rawValue)"
                if !r.values.isEmpty { e += ", values: [\(r.values.joined(separator: ", "))]" }
                return e + "}"
            }
            parts.append("matchExpressions: [\(exprs.joined(separator: ", "))]")
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
