import BulkheadCore

struct WorkloadNotIsolatedForEgress: Check {
    let metadata = CheckMetadata(
        id: "NP-0005",
        slug: "workload-not-isolated-egress",
        title: "Workload is isolated for egress",
        severity: .medium,
        subject: .workload,
        rationale: """
        A pod that no NetworkPolicy selects for egress may open connections to any pod, to the cloud metadata \
        endpoint and to the internet: the path for lateral movement and data exfiltration. Egress is isolated only \
        by a policy with Egress in its (defaulted) policyTypes; `egress: []` without policyTypes is not enough.
        """,
        remediation: """
        Select the workload with a policy that has Egress in its policyTypes (a namespace-wide default deny plus \
        DNS, or a policy listing the workload's destinations):

        ```yaml
        \(RemediationYAML.defaultDeny(namespace: "NAMESPACE", directions: [.egress]))```
        """,
        needs: ["NetworkPolicy", "Pod"] + PolicyKinds.otherEngines,
        compliant: [
            CheckExample("egress rules without policyTypes isolate egress", manifest: """
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop, labels: {app: api}}
            spec: {containers: [{name: api, image: api}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api-egress, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}}
              egress:
              - to: [{podSelector: {matchLabels: {app: db}}}]
            """, expect: ["shop/Pod/api": .pass]),
        ],
        violating: [
            CheckExample("egress: [] without policyTypes does not isolate egress", manifest: """
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop, labels: {app: api}}
            spec: {containers: [{name: api, image: api}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: looks-like-deny, namespace: shop}
            spec:
              podSelector: {}
              egress: []
            """, expect: ["shop/Pod/api": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] { WorkloadIsolation.evaluate(self, .egress, context) }
}
