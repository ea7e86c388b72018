import BulkheadCore

struct AdminPriorityOverlap: Check {
    let metadata = CheckMetadata(
        id: "NP-0021",
        slug: "admin-policy-priority-overlap",
        title: "AdminNetworkPolicies that select the same pods have distinct priorities",
        severity: .medium,
        subject: .policy,
        rationale: """
        AdminNetworkPolicies are evaluated by priority, and within one the first matching rule decides. When two \
        policies with the same priority select the same pods, the API leaves their order to the implementation: the \
        same traffic may be allowed on one cluster and denied on another.
        """,
        remediation: """
        Give each overlapping policy its own priority:

        ```yaml
        spec:
          priority: 40   # was 50, like another policy selecting these pods
        ```
        """,
        needs: ["AdminNetworkPolicy", "Pod", "Namespace"],
        compliant: [
            CheckExample("distinct priorities", manifest: AdminFixtures.pod + """

            ---
            \(AdminFixtures.anp("a", 10))
            ---
            \(AdminFixtures.anp("b", 20))
            """, expect: ["AdminNetworkPolicy/a": .pass, "AdminNetworkPolicy/b": .pass]),
        ],
        violating: [
            CheckExample("the same priority on the same pods", manifest: AdminFixtures.pod + """

            ---
            \(AdminFixtures.anp("a", 10))
            ---
            \(AdminFixtures.anp("b", 10))
            """, expect: ["AdminNetworkPolicy/a": .fail, "AdminNetworkPolicy/b": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        let admin = context.cluster.adminPolicies.filter { $0.tier == .admin }
        return admin.map { policy in
            let subject = Subject(kind: .policy, name: "\(policy.kind)/\(policy.name)")
            let mine = context.cluster.pods.filter { context.engine.adminSelects(policy, $0) }
            let clashing = admin.filter { other in
                other.name != policy.name && other.priority == policy.priority && mine.contains { context.engine.adminSelects(other, $0) }
            }
            if clashing.isEmpty { return result(subject, .pass, "\(policy.name) (priority \(policy.priority)) shares its priority with no policy selecting the same pods") }
            return result(subject, .fail, "\(policy.name) and \(clashing.map(\.name).joined(separator: ", ")) have priority \(policy.priority) and select the same pods: their order is undefined",
                          violations: clashing.map { Violation(message: "same priority \(policy.priority) as \($0.name)", object: policy.ref,
                                                               fieldPath: "spec.priority", source: policy.source, related: [$0.ref]) })
        }
    }
}

enum AdminFixtures {
    static let pod = """
    apiVersion: v1
    kind: Pod
    metadata: {name: web, namespace: shop, labels: {app: web}}
    spec: {containers: [{name: c, image: x}]}
    """

    static func anp(_ name: String, _ priority: Int) -> String {
        """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: \(name)}
        spec:
          priority: \(priority)
          subject: {namespaces: {}}
          ingress: [{name: deny, action: Deny, from: [{namespaces: {}}]}]
        """
    }
}
