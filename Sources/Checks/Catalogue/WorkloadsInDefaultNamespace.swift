import BulkheadCore

struct WorkloadsInDefaultNamespace: Check {
    let metadata = CheckMetadata(
        id: "NP-0019",
        slug: "workloads-in-default-namespace",
        title: "The default namespace holds no user workloads",
        severity: .low,
        subject: .namespace,
        rationale: """
        Objects applied without a namespace land in `default`, which rarely has policies of its own and is shared by \
        everything that forgot a namespace. Segmentation is defined per namespace, so workloads belong in namespaces \
        of their own (CIS Kubernetes 5.7.4).
        """,
        remediation: """
        Move the workloads to a dedicated namespace and give it policies:

        ```yaml
        metadata:
          name: api
          namespace: shop
        ```
        """,
        needs: ["Pod"],
        compliant: [
            CheckExample("workloads in their own namespace", manifest: """
            apiVersion: v1
            kind: Namespace
            metadata: {name: default}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop}
            spec: {containers: [{name: api, image: api}]}
            """, expect: ["default": .pass]),
        ],
        violating: [
            CheckExample("a Deployment without a namespace", manifest: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              template:
                metadata: {labels: {app: api}}
                spec: {containers: [{name: api, image: api}]}
            """, expect: ["default": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        guard context.namespaces.contains("default") else { return [] }
        let workloads = context.workloads.filter { $0.ref.namespace == "default" }
        let subject = Subject.namespace("default")
        if workloads.isEmpty { return [result(subject, .pass, "The default namespace holds no workloads")] }
        return [result(subject, .fail, "The default namespace holds \(workloads.count) workload(s): \(workloads.map { $0.ref.description }.joined(separator: ", "))",
                       violations: workloads.map { Violation(message: "workload in default", object: $0.object, source: $0.source) })]
    }
}
