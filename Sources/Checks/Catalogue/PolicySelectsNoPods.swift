import BulkheadCore

struct PolicySelectsNoPods: Check {
    let metadata = CheckMetadata(
        id: "NP-0012",
        slug: "policy-selects-no-pods",
        title: "Each policy selects at least one pod",
        severity: .medium,
        subject: .policy,
        rationale: """
        A policy whose podSelector matches no pod protects nothing, usually because of a typo or a label that \
        changed. Workload templates count, so workloads scaled to zero and CronJobs between runs do not cause \
        false alarms. A namespace for which the input has no pods at all is not judged.
        """,
        remediation: "Fix the podSelector to match the labels of the pods it is meant for, or delete the policy.",
        needs: ["NetworkPolicy", "Pod"],
        compliant: [
            CheckExample("matches a CronJob's template", manifest: """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: report, namespace: shop}
            spec:
              schedule: "@daily"
              jobTemplate:
                spec:
                  template:
                    metadata: {labels: {app: report}}
                    spec: {containers: [{name: r, image: r}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: report, namespace: shop}
            spec: {podSelector: {matchLabels: {app: report}}}
            """, expect: ["shop/NetworkPolicy/report": .pass]),
        ],
        violating: [
            CheckExample("a typo in the label value", manifest: """
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop, labels: {app: api}}
            spec: {containers: [{name: api, image: api}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api, namespace: shop}
            spec: {podSelector: {matchLabels: {app: apl}}}
            """, expect: ["shop/NetworkPolicy/api": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        context.policies.map { policy in
            let subject = Subject.policy(policy)
            guard context.hasPods(in: policy.namespace) else {
                return result(subject, .notApplicable, "the input has no pods or workloads in \(policy.namespace)")
            }
            let selected = context.selectedPods(policy)
            if selected.isEmpty {
                return result(subject, .fail, "\(policy.name) selects no pod in \(policy.namespace) (podSelector \(policy.podSelector.description))",
                              violations: [Violation(message: "podSelector matches no pod or workload template", object: policy.ref,
                                                     fieldPath: "spec.podSelector", source: policy.source)])
            }
            let owners = WorkloadRef.sorted(Array(Set(selected.map(\.owner))), by: \.self)
            return result(subject, .pass, "\(policy.name) selects \(owners.count) workload(s)",
                          evidence: owners.map { ObjectRef(kind: $0.kind, namespace: $0.namespace, name: $0.name) })
        }
    }
}
