import BulkheadCore

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
        needs: ["NetworkPolicy", "Namespace"] + PolicyKinds.otherEngines,
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
