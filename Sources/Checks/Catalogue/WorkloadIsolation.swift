import BulkheadCore

/// Whether every pod of each workload is isolated in one direction, computed by the engine.
enum WorkloadIsolation {
    static func evaluate(_ check: some Check, _ direction: Direction, _ context: CheckContext) -> [CheckResult] {
        let word = direction.rawValue.lowercased()
        return context.workloads.map { w in
            if w.pods.allSatisfy({ context.engine.isHostNetworked($0) }) {
                return check.result(w.subject, .notApplicable, "\(w.ref) uses the host network; NetworkPolicy does not select it (see NP-0018)")
            }
            let open = w.pods.filter { !context.engine.isHostNetworked($0) && !context.engine.isIsolated($0, direction) }
            let isolating = Set(w.pods.flatMap { context.engine.policies(selecting: $0, direction) }.map(\.ref)).sorted()
            if open.isEmpty {
                return check.result(w.subject, .pass, "\(w.ref) is isolated for \(word) by \(isolating.map(\.name).joined(separator: ", "))",
                                    evidence: isolating)
            }
            let selecting = Set(open.flatMap { context.engine.policiesSelecting($0) }.map(\.ref)).sorted()
            var message = "No NetworkPolicy isolates \(w.ref) for \(word): it \(direction == .ingress ? "accepts connections from" : "may connect to") anything"
            if !selecting.isEmpty {
                message += "; \(selecting.map(\.name).joined(separator: ", ")) select\(selecting.count == 1 ? "s" : "") it without \(direction.rawValue) in policyTypes"
            }
            if open.count < w.pods.count { message += " (\(open.count) of its \(w.pods.count) pods)" }
            return check.result(w.subject, .fail, message,
                                violations: [Violation(message: "not selected by any policy with \(direction.rawValue) in policyTypes",
                                                       object: w.object, source: w.source, related: selecting)],
                                remediation: RemediationYAML.defaultDeny(namespace: w.ref.namespace, directions: [direction]))
        }
    }
}

struct WorkloadNotIsolatedForIngress: Check {
    let metadata = CheckMetadata(
        id: "NP-0004",
        slug: "workload-not-isolated-ingress",
        title: "Workload is isolated for ingress",
        severity: .high,
        subject: .workload,
        rationale: """
        A pod that no NetworkPolicy selects for ingress accepts connections from every pod in the cluster and, \
        through a Service, possibly from outside. Computed per workload by the policy engine with full selector \
        semantics (matchExpressions included), across the workload's pods or its template when it is scaled to zero.
        """,
        remediation: """
        Select the workload with a policy that has Ingress in its policyTypes: a namespace-wide default deny, or a \
        policy for the workload that allows only its clients.
        """,
        needs: ["NetworkPolicy", "Pod"],
        compliant: [
            CheckExample("a default-deny policy with an empty podSelector isolates every workload", manifest: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 0
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec: {podSelector: {}}
            """, expect: ["shop/Deployment/web": .pass]),
        ],
        violating: [
            CheckExample("matchExpressions that exclude the workload, and a policy in another namespace", manifest: """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: web, tier: frontend}}
                spec: {containers: [{name: web, image: nginx}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: api, tier: backend}}
                spec: {containers: [{name: api, image: api}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: backend-only, namespace: shop}
            spec:
              podSelector:
                matchExpressions: [{key: tier, operator: In, values: [backend]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all, namespace: other}
            spec: {podSelector: {}}
            """, expect: ["shop/Deployment/web": .fail, "shop/Deployment/api": .pass]),
            CheckExample("a policy that selects the workload for egress only", manifest: """
            apiVersion: v1
            kind: Pod
            metadata: {name: job, namespace: shop, labels: {app: job}}
            spec: {containers: [{name: job, image: job}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: egress-only, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Egress]}
            """, expect: ["shop/Pod/job": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] { WorkloadIsolation.evaluate(self, .ingress, context) }
}

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
        DNS, or a policy listing the workload's destinations).
        """,
        needs: ["NetworkPolicy", "Pod"],
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
