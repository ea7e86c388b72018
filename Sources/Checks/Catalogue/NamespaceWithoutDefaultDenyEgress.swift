import BulkheadCore

struct NamespaceWithoutDefaultDenyEgress: Check {
    let metadata = CheckMetadata(
        id: "NP-0003",
        slug: "namespace-without-default-deny-egress",
        title: "Namespace denies egress by default",
        severity: .medium,
        subject: .namespace,
        rationale: """
        Egress is left open far more often than ingress. Without a default-deny egress policy a compromised pod can \
        reach any service in the cluster, the cloud metadata endpoint and the internet, which is how data leaves \
        and how attacks spread. Note that `egress: []` without policyTypes does not isolate egress: the direction \
        must be named in policyTypes.
        """,
        remediation: """
        Add a default-deny egress policy together with a DNS allowance, then allow what each workload needs:

        ```yaml
        \(RemediationYAML.defaultDeny(namespace: "NAMESPACE", directions: [.egress]))---
        \(RemediationYAML.dnsEgress(namespace: "NAMESPACE"))```
        """,
        needs: ["NetworkPolicy", "Namespace"] + PolicyKinds.otherEngines,
        compliant: [
            CheckExample("default deny both ways", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            """, expect: ["shop": .pass]),
        ],
        violating: [
            CheckExample("egress: [] without policyTypes does not isolate egress", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: looks-like-deny, namespace: shop}
            spec:
              podSelector: {}
              egress: []
            """, expect: ["shop": .fail]),
            CheckExample("an allow-all egress rule", manifest: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all-egress, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress: [{}]
            """, expect: ["shop": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] { DefaultDeny.evaluate(self, .egress, context) }
}
