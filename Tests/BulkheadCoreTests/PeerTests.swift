import BulkheadCore
import Testing

/// Semantics notes §2.3–§2.6 and pitfalls 4, 6–8, 11, 21, 22.
@Suite struct PeerTests {
    static func policy(_ rule: String, namespace: String = "a") -> String {
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: \(namespace)}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress:
        \(rule)
        """
    }

    @Test func emptyRuleAllowsEverythingIncludingExternalAddresses() {
        let h = Harness(Fixture.pods(Self.policy("  - {}")))
        #expect(h.conn("b/client", "a/db") == "All Connections")
        #expect(h.ingress(from: "8.8.8.8", "a/db") == "All Connections")
    }

    @Test func absentIngressListDeniesAll() {
        let h = Harness(Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: a}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress: []
        """))
        #expect(h.conn("a/web", "a/db") == "No Connections")
        #expect(h.ingress(from: "8.8.8.8", "a/db") == "No Connections")
    }

    @Test func emptyFromListMatchesEveryPeerIncludingExternal() {
        // Pitfall 4: absent or empty `from` means everything, addresses included.
        let h = Harness(Fixture.pods(Self.policy("  - from: []\n    ports: [{port: 8080}]")))
        #expect(h.conn("b/client", "a/db") == "TCP 8080")
        #expect(h.ingress(from: "203.0.113.9", "a/db") == "TCP 8080")
    }

    @Test func namespaceSelectorEmptyMeansAllPodsButNoExternalAddresses() {
        let h = Harness(Fixture.pods(Self.policy("  - from: [{namespaceSelector: {}}]")))
        #expect(h.conn("b/client", "a/db") == "All Connections")
        #expect(h.conn("a/plain", "a/db") == "All Connections")
        #expect(h.ingress(from: "203.0.113.9", "a/db") == "No Connections")
    }

    @Test func podSelectorAloneNeverCrossesNamespaces() {
        // Pitfall 7.
        let h = Harness(Fixture.pods(Self.policy("  - from: [{podSelector: {matchLabels: {app: web}}}]")))
        #expect(h.conn("a/web", "a/db") == "All Connections")
        #expect(h.conn("b/web", "a/db") == "No Connections")
    }

    @Test func podSelectorEmptyAloneMeansThePolicyNamespaceOnly() {
        let h = Harness(Fixture.pods(Self.policy("  - from: [{podSelector: {}}]")))
        #expect(h.conn("a/plain", "a/db") == "All Connections")
        #expect(h.conn("b/client", "a/db") == "No Connections")
    }

    @Test func selectorsInOnePeerAreANDed() {
        // Pitfall 6: one list item.
        let h = Harness(Fixture.pods(Self.policy("""
          - from:
            - namespaceSelector: {matchLabels: {team: b}}
              podSelector: {matchLabels: {app: web}}
        """)))
        #expect(h.conn("b/web", "a/db") == "All Connections")
        #expect(h.conn("b/client", "a/db") == "No Connections")
        #expect(h.conn("a/web", "a/db") == "No Connections")
    }

    @Test func selectorsInTwoPeersAreORed() {
        // Pitfall 6: two list items; the podSelector item selects in the policy's namespace.
        let h = Harness(Fixture.pods(Self.policy("""
          - from:
            - namespaceSelector: {matchLabels: {team: b}}
            - podSelector: {matchLabels: {app: web}}
        """)))
        #expect(h.conn("b/web", "a/db") == "All Connections")
        #expect(h.conn("b/client", "a/db") == "All Connections")
        #expect(h.conn("a/web", "a/db") == "All Connections")
        #expect(h.conn("a/plain", "a/db") == "No Connections")
    }

    @Test func notInAndDoesNotExistMatchObjectsWithoutTheKey() {
        // Pitfall 8: a NotIn target selector isolates every unlabelled pod.
        let h = Harness(Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: a}
        spec:
          podSelector:
            matchExpressions: [{key: app, operator: NotIn, values: [web]}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: q, namespace: b}
        spec:
          podSelector:
            matchExpressions: [{key: tier, operator: DoesNotExist}]
        """))
        #expect(h.isolated("a/plain", .ingress))
        #expect(h.isolated("a/db", .ingress))
        #expect(!h.isolated("a/web", .ingress))
        #expect(h.isolated("b/web", .ingress) && h.isolated("b/client", .ingress))
    }

    @Test func inAndExistsRequireTheKey() {
        let h = Harness(Fixture.pods(Self.policy("""
          - from:
            - podSelector:
                matchExpressions:
                - {key: app, operator: In, values: [web, api]}
                - {key: tier, operator: Exists}
        """)))
        #expect(h.conn("a/web", "a/db") == "All Connections")
        #expect(h.conn("a/plain", "a/db") == "No Connections")
    }

    @Test func metadataNameLabelIsSynthesizedOnEveryNamespace() {
        // Pitfall 11: namespace `b` was declared without the label; `default` was not declared at all.
        let h = Harness(Fixture.pods(Self.policy("""
          - from:
            - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: b}}
            - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: default}}
        """) + """

        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: loose, labels: {app: loose}}
        spec: {containers: [{name: c, image: x}]}
        """))
        #expect(h.conn("b/client", "a/db") == "All Connections")
        #expect(h.conn("default/loose", "a/db") == "All Connections")
        #expect(h.state.namespaces["default"]?.declared == false)
    }

    @Test func nullMatchLabelsIsTheEmptySelector() {
        // Pitfall 22.
        let h = Harness(Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: a}
        spec:
          podSelector: {matchLabels: null}
        """))
        #expect(h.isolated("a/web", .ingress) && h.isolated("a/plain", .ingress))
        #expect(!h.isolated("b/web", .ingress))
    }

    @Test func policyWithoutNamespaceLandsInDefault() {
        // Pitfall 21.
        let h = Harness(Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p}
        spec: {podSelector: {}}
        """))
        #expect(h.state.policies.first?.namespace == "default")
        #expect(!h.isolated("a/web", .ingress))
    }
}
