import BulkheadCore

struct RuleWithoutPorts: Check {
    let metadata = CheckMetadata(
        id: "NP-0011",
        slug: "rule-without-ports",
        title: "Rules name the ports they allow",
        severity: .low,
        subject: .policy,
        rationale: """
        A rule without `ports` allows every port of every protocol (TCP, UDP and SCTP) between its peers: debug \
        endpoints, admin ports and anything started later. Least privilege names the ports. (Rules that also have no \
        peers are reported by NP-0006 and NP-0007.)
        """,
        remediation: """
        Add the ports the peers need:

        ```yaml
        - from:
          - podSelector:
              matchLabels: {app: web}
          ports:
          - {protocol: TCP, port: 8080}
        ```
        """,
        needs: ["NetworkPolicy"],
        compliant: [
            CheckExample("ports named", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}}
              ingress:
              - from: [{podSelector: {matchLabels: {app: web}}}]
                ports: [{port: 8080}]
            """, expect: ["shop/NetworkPolicy/api": .pass]),
        ],
        violating: [
            CheckExample("peers without ports", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}}
              ingress:
              - from: [{podSelector: {matchLabels: {app: web}}}]
            """, expect: ["shop/NetworkPolicy/api": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        context.policies.map { policy in
            let violations = context.effectiveRules(policy).filter { $0.rule.allowsAllPorts && !$0.rule.allowsAllPeers }.map {
                $0.violation("no ports: every port of TCP, UDP and SCTP is allowed")
            }
            return verdict(.policy(policy), violations, pass: "every rule of \(policy.name) names its ports",
                           fail: "\(policy.name) has rules that allow every port and protocol")
        }
    }
}
