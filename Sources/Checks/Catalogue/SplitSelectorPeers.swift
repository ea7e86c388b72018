import BulkheadCore

struct SplitSelectorPeers: Check {
    let metadata = CheckMetadata(
        id: "NP-0014",
        slug: "split-namespace-and-pod-selector",
        title: "namespaceSelector and podSelector are not split into separate peers",
        severity: .low,
        subject: .policy,
        rationale: """
        YAML indentation decides AND or OR. `- namespaceSelector: …` followed by `  podSelector: …` is one peer: \
        pods matching both. Written as two list items (`- namespaceSelector: …` and `- podSelector: …`) it is two \
        peers: every pod of the selected namespaces, or the selected pods of the policy's own namespace. The split \
        form is rarely intended and opens the rule to whole namespaces.
        """,
        remediation: """
        If both conditions must hold, make them one list item:

        ```yaml
        - from:
          - namespaceSelector:
              matchLabels: {kubernetes.io/metadata.name: frontend}
            podSelector:
              matchLabels: {app: web}
        ```
        """,
        needs: ["NetworkPolicy"],
        compliant: [
            CheckExample("one peer with both selectors", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api, namespace: shop}
            spec:
              podSelector: {}
              ingress:
              - from:
                - namespaceSelector: {matchLabels: {team: web}}
                  podSelector: {matchLabels: {app: web}}
            """, expect: ["shop/NetworkPolicy/api": .pass]),
        ],
        violating: [
            CheckExample("two peers", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api, namespace: shop}
            spec:
              podSelector: {}
              ingress:
              - from:
                - namespaceSelector: {matchLabels: {team: web}}
                - podSelector: {matchLabels: {app: web}}
            """, expect: ["shop/NetworkPolicy/api": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        context.policies.map { policy in
            var violations: [Violation] = []
            for located in context.effectiveRules(policy) {
                let peers = located.rule.peers ?? []
                let namespaceOnly = peers.indices.filter { if case .pods(_?, nil) = peers[$0] { return true } else { return false } }
                let podOnly = peers.indices.filter { if case .pods(nil, _?) = peers[$0] { return true } else { return false } }
                if let n = namespaceOnly.first, let p = podOnly.first {
                    violations.append(located.violation(
                        "\(located.direction.peerField)[\(n)] has only a namespaceSelector and \(located.direction.peerField)[\(p)] only a podSelector: "
                            + "they are ORed, admitting every pod of the selected namespaces", path: located.path + ".\(located.direction.peerField)"))
                }
            }
            return verdict(.policy(policy), violations, pass: "\(policy.name) has no split selector peers",
                           fail: "\(policy.name) has a namespaceSelector and a podSelector in separate peers, which ORs them")
        }
    }
}
