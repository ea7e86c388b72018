import BulkheadCore

/// CIS Kubernetes 5.3.2: every namespace has NetworkPolicies.
struct NamespaceWithoutPolicy: Check {
    let metadata = CheckMetadata(
        id: "NP-0001",
        slug: "namespace-without-policy",
        title: "Namespace has at least one NetworkPolicy",
        severity: .high,
        subject: .namespace,
        rationale: """
        Kubernetes allows all traffic to and from a pod until a NetworkPolicy selects it. A namespace without any \
        NetworkPolicy leaves every pod in it reachable from every other pod in the cluster and free to reach \
        anything, so one compromised pod can move laterally (CIS Kubernetes 5.3.2).
        """,
        remediation: """
        Start with a default-deny policy for both directions, then allow the traffic each workload needs \
        (and DNS egress):

        ```yaml
        \(RemediationYAML.defaultDeny(namespace: "NAMESPACE", directions: [.ingress, .egress]))```
        """,
        needs: ["NetworkPolicy", "Namespace"] + PolicyKinds.otherEngines,
        compliant: [
            CheckExample("a namespace with a default-deny policy", manifest: """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """, expect: ["shop": .pass]),
        ],
        violating: [
            CheckExample("a namespace with pods and no policy", manifest: """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: other}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """, expect: ["shop": .fail, "other": .pass]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        context.namespaces.map { ns in
            let policies = context.cluster.policies(in: ns)
            if policies.isEmpty {
                // Cluster-wide and other engines' policies protect namespaces too (users otherwise add dummy policies).
                let covering = Direction.allCases.flatMap { context.engine.defaultProtection(namespace: ns, $0).refs }
                if !covering.isEmpty {
                    let names = Set(covering).sorted().map { "\($0.kind) \($0.name)" }.joined(separator: ", ")
                    return result(.namespace(ns), .pass, "Namespace \(ns) has no NetworkPolicy but is protected by \(names)", evidence: Set(covering).sorted())
                }
                let workloads = Set(context.cluster.pods(in: ns).map(\.owner)).count
                return result(.namespace(ns), .fail, "Namespace \(ns) has no NetworkPolicy: its \(workloads) workload(s) accept and send any traffic",
                              violations: [Violation(message: "no NetworkPolicy in namespace \(ns)",
                                                     object: ObjectRef(kind: "Namespace", namespace: nil, name: ns),
                                                     source: context.cluster.namespaces[ns]?.source)],
                              remediation: RemediationYAML.defaultDeny(namespace: ns, directions: [.ingress, .egress]))
            }
            return result(.namespace(ns), .pass, "Namespace \(ns) has \(policies.count) NetworkPolicy object(s)",
                          evidence: policies.map(\.ref))
        }
    }
}
