import BulkheadCore

struct IngressFromInternet: Check {
    let metadata = CheckMetadata(
        id: "NP-0009",
        slug: "ingress-from-internet",
        title: "No ingress rule admits the whole internet",
        severity: .high,
        subject: .policy,
        rationale: """
        An ingress rule whose peers are `0.0.0.0/0` or `::/0`, or that has no `from` at all, admits every address on \
        the internet to the selected pods. It is critical when a LoadBalancer or NodePort Service exposes those pods: \
        then they are reachable from outside the cluster in fact, not only in policy.
        """,
        remediation: """
        Admit the load balancer's or ingress controller's addresses or pods instead of every address:

        ```yaml
        ingress:
        - from:
          - namespaceSelector:
              matchLabels: {kubernetes.io/metadata.name: ingress-nginx}
          - ipBlock:
              cidr: 203.0.113.0/24
          ports:
          - {protocol: TCP, port: 8443}
        ```
        """,
        needs: ["NetworkPolicy", "Service"],
        compliant: [
            CheckExample("admits the ingress controller only", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress:
              - from:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
                ports: [{port: 8080}]
            """, expect: ["shop/NetworkPolicy/web": .pass]),
        ],
        violating: [
            CheckExample("0.0.0.0/0 to pods a LoadBalancer exposes is critical", manifest: """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              type: LoadBalancer
              selector: {app: web}
              ports: [{port: 443, targetPort: 8443}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec: {containers: [{name: web, image: web}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress:
              - from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]
                ports: [{port: 8443}]
            """, expect: ["shop/NetworkPolicy/web": .fail]),
            CheckExample("a rule with ports but no from", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: https, namespace: shop}
            spec:
              podSelector: {}
              ingress:
              - ports: [{port: 443}]
            """, expect: ["shop/NetworkPolicy/https": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        context.policies.map { policy in
            let subject = Subject.policy(policy)
            guard policy.affects(.ingress) else { return result(subject, .notApplicable, "\(policy.name) does not govern ingress") }
            var violations: [Violation] = []
            for located in context.rules(policy, .ingress) {
                guard let peers = located.rule.peers else {
                    violations.append(located.violation("no `from`: every address on the internet may connect"))
                    continue
                }
                for (i, peer) in peers.enumerated() {
                    if case let .ipBlock(block) = peer, block.cidr.prefix == 0 {
                        violations.append(located.violation("ipBlock \(block.cidr) admits every \(block.cidr.family.rawValue) address",
                                                            path: located.peerPath(i) + ".ipBlock"))
                    }
                }
            }
            guard !violations.isEmpty else { return result(subject, .pass, "\(policy.name) does not admit the whole internet") }
            let selected = context.selectedPods(policy)
            let exposedBy = context.cluster.services.filter { service in
                service.namespace == policy.namespace && service.isExternallyExposed && selected.contains { service.selects($0) }
            }
            if exposedBy.isEmpty {
                return result(subject, .fail, "\(policy.name) admits every internet address to the pods it selects",
                              violations: violations)
            }
            let names = exposedBy.map { "\($0.name) (\($0.type))" }.joined(separator: ", ")
            for i in violations.indices {
                violations[i].related = exposedBy.map { ObjectRef(kind: "Service", namespace: $0.namespace, name: $0.name) }
            }
            return result(subject, .fail, "\(policy.name) admits every internet address to pods that Service \(names) exposes outside the cluster",
                          violations: violations, severity: .critical)
        }
    }
}
