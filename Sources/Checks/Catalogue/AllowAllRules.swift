import BulkheadCore

/// Rules that allow every peer on every port and protocol, in policies that take effect.
enum AllowAllRules {
    static func evaluate(_ check: some Check, _ direction: Direction, _ context: CheckContext) -> [CheckResult] {
        let word = direction.rawValue.lowercased()
        return context.policies.map { policy in
            let subject = Subject.policy(policy)
            guard policy.affects(direction) else {
                return check.result(subject, .notApplicable, "\(policy.name) does not govern \(word)")
            }
            let violations = context.rules(policy, direction).filter { $0.rule.allowsAllPeers && $0.rule.allowsAllPorts }.map {
                $0.violation("rule allows \(word) \(direction == .ingress ? "from" : "to") every pod and every address on every port")
            }
            return check.verdict(subject, violations,
                                 pass: "\(policy.name) has no rule that allows all \(word)",
                                 fail: "\(policy.name) allows all \(word) for the \(Set(context.selectedPods(policy).map(\.owner)).count) workload(s) it selects, which undoes any isolation")
        }
    }
}

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
        remediation: "Replace the empty rule with the peers (`from`) and `ports` the selected pods actually serve.",
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
        remediation: "List the destinations (`to`) and `ports` the selected pods need, DNS included.",
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
