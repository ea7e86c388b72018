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

struct NamespaceWithoutDefaultDenyIngress: Check {
    let metadata = CheckMetadata(
        id: "NP-0002",
        slug: "namespace-without-default-deny-ingress",
        title: "Namespace denies ingress by default",
        severity: .high,
        subject: .namespace,
        rationale: """
        A policy with an empty podSelector and Ingress in its policyTypes isolates every pod in the namespace, \
        including pods created later, so that only explicitly allowed traffic reaches them. Without it, any pod \
        that no policy happens to select accepts connections from everywhere.
        """,
        remediation: """
        Add a default-deny ingress policy, then allow what each workload needs:

        ```yaml
        \(RemediationYAML.defaultDeny(namespace: "NAMESPACE", directions: [.ingress]))```
        """,
        needs: ["NetworkPolicy", "Namespace"],
        compliant: [
            CheckExample("default deny ingress", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny-ingress, namespace: shop}
            spec: {podSelector: {}}
            """, expect: ["shop": .pass]),
            CheckExample("a namespace-wide policy with explicit allowances still isolates", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: same-namespace-only, namespace: shop}
            spec:
              podSelector: {}
              ingress:
              - from: [{podSelector: {}}]
            """, expect: ["shop": .pass]),
        ],
        violating: [
            CheckExample("only some pods are selected", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-only, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Ingress]
            """, expect: ["shop": .fail]),
            CheckExample("an egress-only default deny does not isolate ingress", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-egress, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Egress]}
            """, expect: ["shop": .fail]),
            CheckExample("a namespace-wide allow-all rule", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all, namespace: shop}
            spec:
              podSelector: {}
              ingress: [{}]
            """, expect: ["shop": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] { DefaultDeny.evaluate(self, .ingress, context) }
}

struct NamespaceWithoutDefaultDenyEgress: Check {
    let metadata = CheckMetadata(
        id: "NP-0003",
        slug: "namespace-without-default-deny-egress",
        title: "Namespace denies egress by default",
        severity: .medium,
        subject: .namespace,
        rationale: """
        Egress is left open far more often than ingress. Without a default-deny egress policy a compromised pod can \
        reach any service in the cluster, the cloud metadata endpoint and the internet, which is how data leaves \
        and how attacks spread. Note that `egress: []` without policyTypes does not isolate egress: the direction \
        must be named in policyTypes.
        """,
        remediation: """
        Add a default-deny egress policy together with a DNS allowance, then allow what each workload needs:

        ```yaml
        \(RemediationYAML.defaultDeny(namespace: "NAMESPACE", directions: [.egress]))---
        \(RemediationYAML.dnsEgress(namespace: "NAMESPACE"))```
        """,
        needs: ["NetworkPolicy", "Namespace"],
        compliant: [
            CheckExample("default deny both ways", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            """, expect: ["shop": .pass]),
        ],
        violating: [
            CheckExample("egress: [] without policyTypes does not isolate egress", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: looks-like-deny, namespace: shop}
            spec:
              podSelector: {}
              egress: []
            """, expect: ["shop": .fail]),
            CheckExample("an allow-all egress rule", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all-egress, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress: [{}]
            """, expect: ["shop": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] { DefaultDeny.evaluate(self, .egress, context) }
}
