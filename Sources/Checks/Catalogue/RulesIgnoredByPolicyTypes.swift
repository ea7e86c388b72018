import BulkheadCore

struct RulesIgnoredByPolicyTypes: Check {
    let metadata = CheckMetadata(
        id: "NP-0015",
        slug: "rules-ignored-by-policy-types",
        title: "No rules are ignored because policyTypes omits their direction",
        severity: .medium,
        subject: .policy,
        rationale: """
        When policyTypes is given, rules of a direction it does not list are silently ignored by Kubernetes: an \
        `ingress:` section under `policyTypes: [Egress]` allows nothing and isolates nothing. The apiserver accepts \
        such objects, so the mistake is invisible until traffic fails or flows.
        """,
        remediation: """
        Add the direction to policyTypes, or remove the rules:

        ```yaml
        spec:
          policyTypes: [Ingress, Egress]
        ```
        """,
        needs: ["NetworkPolicy"],
        compliant: [
            CheckExample("both directions listed", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
              ingress: [{from: [{podSelector: {}}]}]
              egress: [{to: [{podSelector: {}}]}]
            """, expect: ["shop/NetworkPolicy/api": .pass]),
        ],
        violating: [
            CheckExample("ingress rules under policyTypes: [Egress]", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              ingress: [{from: [{podSelector: {}}]}]
            """, expect: ["shop/NetworkPolicy/api": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        context.policies.map { policy in
            var violations: [Violation] = []
            for direction in Direction.allCases where !policy.affects(direction) && !policy.rules(direction).isEmpty {
                violations.append(Violation(message: "\(policy.rules(direction).count) \(direction.field) rule(s) ignored: policyTypes does not list \(direction.rawValue)",
                                            object: policy.ref, fieldPath: "spec.\(direction.field)", source: policy.source))
            }
            return verdict(.policy(policy), violations, pass: "every rule of \(policy.name) takes effect",
                           fail: "\(policy.name) has rules that Kubernetes ignores because policyTypes omits their direction")
        }
    }
}
