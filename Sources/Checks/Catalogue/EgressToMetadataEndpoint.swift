import BulkheadCore

struct EgressToMetadataEndpoint: Check {
    static let metadataAddresses = ["169.254.169.254", "fd00:ec2::254"].compactMap(IPAddress.init)

    let metadata = CheckMetadata(
        id: "NP-0010",
        slug: "egress-to-metadata-endpoint",
        title: "Egress rules do not reach the cloud metadata endpoint",
        severity: .high,
        subject: .policy,
        rationale: """
        The cloud instance metadata endpoint (169.254.169.254, and fd00:ec2::254 on AWS IPv6) hands out the node's \
        credentials. An egress rule open to `0.0.0.0/0` (or with no `to`) that does not except it lets a compromised \
        pod steal them (MITRE ATT&CK T1552.005).
        """,
        remediation: """
        Except the metadata address from broad blocks:

        ```yaml
        - to:
          - ipBlock:
              cidr: 0.0.0.0/0
              except:
              - 169.254.169.254/32
        ```
        """,
        needs: ["NetworkPolicy"],
        compliant: [
            CheckExample("0.0.0.0/0 except the metadata address", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: internet, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]
                ports: [{port: 443}]
            """, expect: ["shop/NetworkPolicy/internet": .pass]),
        ],
        violating: [
            CheckExample("0.0.0.0/0 without the exception", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: internet, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
            """, expect: ["shop/NetworkPolicy/internet": .fail]),
            CheckExample("a rule with ports but no to", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: http-anywhere, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - ports: [{port: 80}]
            """, expect: ["shop/NetworkPolicy/http-anywhere": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        context.policies.map { policy in
            let subject = Subject.policy(policy)
            guard policy.affects(.egress) else { return result(subject, .notApplicable, "\(policy.name) does not govern egress") }
            var violations: [Violation] = []
            for located in context.rules(policy, .egress) {
                let conns = context.engine.connections(of: located.rule, towards: nil)
                guard !conns.isEmpty else { continue }
                for address in Self.metadataAddresses where context.engine.ruleMatchesPeer(located.rule, in: policy, .address(address)) {
                    violations.append(located.violation("allows \(conns.description) to the metadata endpoint \(address)"))
                }
            }
            return verdict(subject, violations, pass: "\(policy.name) does not allow egress to the cloud metadata endpoint",
                           fail: "\(policy.name) lets the pods it selects reach the cloud metadata endpoint")
        }
    }
}
