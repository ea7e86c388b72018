import BulkheadCore

struct PeerSelectsAllNamespaces: Check {
    let metadata = CheckMetadata(
        id: "NP-0008",
        slug: "peer-selects-all-namespaces",
        title: "No peer selects every namespace",
        severity: .medium,
        subject: .policy,
        rationale: """
        `namespaceSelector: {}` (or a selector every namespace satisfies, such as `kubernetes.io/metadata.name` \
        Exists) matches every namespace that exists now or later, so the rule is open to every workload of every \
        tenant. It is often written for one client, such as Prometheus, and opens the port to all.
        """,
        remediation: """
        Name the namespaces, for example with `kubernetes.io/metadata.name`, and pair the namespaceSelector with a \
        podSelector in the same peer (one list item) so that both must match:

        ```yaml
        - from:
          - namespaceSelector:
              matchLabels:
                kubernetes.io/metadata.name: monitoring
            podSelector:
              matchLabels:
                app: prometheus
        ```
        """,
        needs: ["NetworkPolicy"],
        compliant: [
            CheckExample("a named namespace", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: metrics, namespace: shop}
            spec:
              podSelector: {}
              ingress:
              - from:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
                  podSelector: {matchLabels: {app: prometheus}}
            """, expect: ["shop/NetworkPolicy/metrics": .pass]),
        ],
        violating: [
            CheckExample("namespaceSelector: {}", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: metrics, namespace: shop}
            spec:
              podSelector: {}
              ingress:
              - from: [{namespaceSelector: {}}]
                ports: [{port: 9090}]
            """, expect: ["shop/NetworkPolicy/metrics": .fail]),
            CheckExample("an Exists selector on the name label, in egress", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: anywhere, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - to:
                - namespaceSelector:
                    matchExpressions: [{key: kubernetes.io/metadata.name, operator: Exists}]
            """, expect: ["shop/NetworkPolicy/anywhere": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        context.policies.map { policy in
            var violations: [Violation] = []
            for located in context.effectiveRules(policy) {
                for (i, peer) in (located.rule.peers ?? []).enumerated() {
                    guard case let .pods(namespaceSelector?, podSelector) = peer, namespaceSelector.selectsEveryNamespace else { continue }
                    let pods = podSelector.map { $0.isEmpty ? "every pod" : "pods matching \($0.description)" } ?? "every pod"
                    violations.append(located.violation("namespaceSelector matches every namespace: \(pods) in any namespace",
                                                        path: located.peerPath(i) + ".namespaceSelector"))
                }
            }
            return verdict(.policy(policy), violations, pass: "\(policy.name) names the namespaces its peers come from",
                           fail: "\(policy.name) has a peer that selects every namespace")
        }
    }
}
