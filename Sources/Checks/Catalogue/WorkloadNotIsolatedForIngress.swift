import BulkheadCore

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
        policy for the workload that allows only its clients:

        ```yaml
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web-ingress
          namespace: NAMESPACE
        spec:
          podSelector:
            matchLabels: {app: web}
          policyTypes: [Ingress]
          ingress:
          - from:
            - podSelector:
                matchLabels: {app: frontend}
            ports:
            - {protocol: TCP, port: 8080}
        ```
        """,
        needs: ["NetworkPolicy", "Pod"] + PolicyKinds.otherEngines,
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
