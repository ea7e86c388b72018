import BulkheadCore

struct AllowAllIngressRule: Check {
    let metadata = CheckMetadata(
        id: "NP-0006",
        slug: "allow-all-ingress-rule",
        title: "No rule allows all ingress",
        severity: .high,
        subject: .policy,
        rationale: """
        An ingress rule with no `from` and no `ports` (`ingress: [{}]`) admits every pod in every namespace and every \
        address, including the internet, on every port. Policies are a union, so such a rule undoes a default deny \
        for every pod it selects: "default-deny plus allow-all" is no isolation at all.
        """,
        remediation: """
        Replace the empty rule with the peers (`from`) and `ports` the selected pods actually serve:

        ```yaml
        ingress:
        - from:
          - podSelector:
              matchLabels: {app: frontend}
          ports:
          - {protocol: TCP, port: 8080}
        ```
        """,
        needs: ["NetworkPolicy"],
        compliant: [
            CheckExample("a rule with peers and ports", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress:
              - from: [{podSelector: {matchLabels: {app: lb}}}]
                ports: [{port: 8080}]
            """, expect: ["shop/NetworkPolicy/web": .pass]),
        ],
        violating: [
            CheckExample("ingress: [{}]", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all, namespace: shop}
            spec:
              podSelector: {}
              ingress: [{}]
            """, expect: ["shop/NetworkPolicy/allow-all": .fail]),
            CheckExample("empty from and empty ports", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all, namespace: shop}
            spec:
              podSelector: {}
              ingress:
              - from: []
                ports: []
            """, expect: ["shop/NetworkPolicy/allow-all": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] { AllowAllRules.evaluate(self, .ingress, context) }
}
