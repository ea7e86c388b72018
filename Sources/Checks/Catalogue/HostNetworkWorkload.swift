import BulkheadCore

struct HostNetworkWorkload: Check {
    let metadata = CheckMetadata(
        id: "NP-0018",
        slug: "host-network-pod",
        title: "Workloads do not use the host network",
        severity: .medium,
        subject: .workload,
        rationale: """
        A pod with `hostNetwork: true` shares its node's network namespace. In the most common implementations \
        NetworkPolicy neither selects it nor matches it with pod or namespace selectors: its traffic is the node's, \
        which only ipBlock rules can match, and traffic from a pod's own node is always allowed in. Such workloads \
        are outside network segmentation altogether.
        """,
        remediation: "Remove `hostNetwork: true` unless the workload is a node agent that needs it (then waive this check for it).",
        needs: ["Pod"],
        compliant: [
            CheckExample("an ordinary pod", manifest: """
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop}
            spec: {containers: [{name: api, image: api}]}
            """, expect: ["shop/Pod/api": .pass]),
        ],
        violating: [
            CheckExample("a DaemonSet on the host network", manifest: """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: agent}}
                spec:
                  hostNetwork: true
                  containers: [{name: agent, image: agent}]
            """, expect: ["shop/DaemonSet/agent": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        context.workloads.map { w in
            let host = w.pods.filter(\.hostNetwork)
            if host.isEmpty { return result(w.subject, .pass, "\(w.ref) uses the pod network") }
            return result(w.subject, .fail, "\(w.ref) uses the host network: NetworkPolicy does not segment it",
                          violations: [Violation(message: "hostNetwork: true", object: w.object, fieldPath: "spec.hostNetwork", source: w.source)])
        }
    }
}
