import BulkheadCore

struct AllowAllEgressRule: Check {
    let metadata = CheckMetadata(
        id: "NP-0007",
        slug: "allow-all-egress-rule",
        title: "No rule allows all egress",
        severity: .medium,
        subject: .policy,
        rationale: """
        An egress rule with no `to` and no `ports` (`egress: [{}]`) lets the selected pods reach every pod, the \
        cloud metadata endpoint and the internet on every port, undoing any egress isolation.
        """,
        remediation: """
        List the destinations (`to`) and `ports` the selected pods need, DNS included:

        ```yaml
        egress:
        - to:
          - podSelector:
              matchLabels: {app: backend}
          ports:
          - {protocol: TCP, port: 8080}
        - ports:
          - {protocol: UDP, port: 53}
        ```
        """,
        needs: ["NetworkPolicy"],
        compliant: [
            CheckExample("egress limited to DNS", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: dns-only, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - ports: [{port: 53, protocol: UDP}]
            """, expect: ["shop/NetworkPolicy/dns-only": .pass]),
        ],
        violating: [
            CheckExample("egress: [{}]", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all-egress, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress: [{}]
            """, expect: ["shop/NetworkPolicy/allow-all-egress": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] { AllowAllRules.evaluate(self, .egress, context) }
}
