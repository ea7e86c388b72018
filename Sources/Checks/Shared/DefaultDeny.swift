import BulkheadCore

/// Whether a namespace isolates every pod, present and future, in one direction by default.
enum DefaultDeny {
    enum Verdict {
        case isolated(by: [NetworkPolicy])
        case openedBy(NetworkPolicy, ruleIndex: Int)
        case missing
    }

    /// Only an empty podSelector covers pods created later; a rule that allows every peer on
    /// every port in a namespace-wide policy undoes the default deny.
    static func verdict(_ namespace: String, _ direction: Direction, in cluster: ClusterState) -> Verdict {
        let wide = cluster.policies(in: namespace).filter { $0.podSelector.isEmpty && $0.affects(direction) }
        for policy in wide {
            if let index = policy.effectiveRules(direction).firstIndex(where: { $0.allowsAllPeers && $0.allowsAllPorts }) {
                return .openedBy(policy, ruleIndex: index)
            }
        }
        return wide.isEmpty ? .missing : .isolated(by: wide)
    }

    static func evaluate(_ check: some Check, _ direction: Direction, _ context: CheckContext) -> [CheckResult] {
        let word = direction.rawValue.lowercased()
        return context.namespaces.map { ns in
            let subject = Subject.namespace(ns)
            switch verdict(ns, direction, in: context.cluster) {
            case let .isolated(policies):
                let names = policies.map(\.name).joined(separator: ", ")
                return check.result(subject, .pass, "Every pod in \(ns) is isolated for \(word) by \(names)",
                                    evidence: policies.map(\.ref))
            case let .openedBy(policy, index):
                return check.result(subject, .fail,
                                    "\(policy.name) selects every pod in \(ns) but its rule \(index) allows all \(word)",
                                    violations: [Violation(message: "rule allows every peer on every port",
                                                           object: policy.ref, fieldPath: "spec.\(direction.field)[\(index)]",
                                                           source: policy.source)],
                                    remediation: RemediationYAML.defaultDeny(namespace: ns, directions: [direction]))
            case .missing:
                let other = context.engine.defaultProtection(namespace: ns, direction)
                if other.isProtected {
                    let names = other.refs.map { "\($0.kind) \($0.name)" }.joined(separator: ", ")
                    return check.result(subject, .pass, "Every pod in \(ns), present and future, is isolated for \(word) by \(names)"
                                        + (other.onlyForeign ? " (its rules are not modelled)" : ""), evidence: other.refs)
                }
                return check.result(subject, .fail,
                                    "No policy in \(ns) selects every pod for \(word): \(direction == .ingress ? "pods no policy selects accept traffic from anywhere" : "pods no policy selects may send traffic anywhere")",
                                    violations: [Violation(message: "no NetworkPolicy with podSelector {} and \(direction.rawValue) in policyTypes",
                                                           object: ObjectRef(kind: "Namespace", namespace: nil, name: ns),
                                                           source: context.cluster.namespaces[ns]?.source)],
                                    remediation: RemediationYAML.defaultDeny(namespace: ns, directions: [direction])
                                        + (direction == .egress ? "---\n" + RemediationYAML.dnsEgress(namespace: ns) : ""))
            }
        }
    }
}
