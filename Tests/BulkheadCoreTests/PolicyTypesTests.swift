import BulkheadCore
import Testing

/// Semantics notes §2.1 and pitfalls 1–3: the apiserver's policyTypes defaulting.
@Suite struct PolicyTypesTests {
    @Test func absentPolicyTypesMeansIngressOnly() {
        let h = Harness(Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: a}
        spec: {podSelector: {matchLabels: {app: db}}}
        """))
        #expect(h.isolated("a/db", .ingress))
        #expect(!h.isolated("a/db", .egress))
        #expect(h.conn("a/web", "a/db") == "No Connections")
        #expect(h.conn("a/db", "a/web") == "All Connections")
    }

    @Test func emptyEgressListWithoutPolicyTypesDoesNotIsolateEgress() {
        // Pitfall 1: defaulting adds Egress only when the egress list is non-empty.
        let h = Harness(Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: a}
        spec:
          podSelector: {matchLabels: {app: db}}
          egress: []
        """))
        #expect(!h.isolated("a/db", .egress))
        #expect(h.isolated("a/db", .ingress))
    }

    @Test func egressRulesWithoutPolicyTypesAlsoDenyAllIngress() {
        // Pitfall 2: Ingress is always defaulted in.
        let h = Harness(Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: a}
        spec:
          podSelector: {matchLabels: {app: db}}
          egress:
          - to: [{podSelector: {matchLabels: {app: web}}}]
        """))
        #expect(h.isolated("a/db", .ingress) && h.isolated("a/db", .egress))
        #expect(h.conn("a/web", "a/db") == "No Connections")
        #expect(h.conn("a/db", "a/web") == "All Connections")
        #expect(h.conn("a/db", "a/plain") == "No Connections")
    }

    @Test func explicitPolicyTypesDiscardRulesOfUnlistedDirections() {
        // Pitfall 3: the ingress rule below is ignored; only egress isolation applies.
        let h = Harness(Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: a}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: [Egress]
          ingress:
          - from: [{podSelector: {matchLabels: {app: web}}}]
        """))
        #expect(!h.isolated("a/db", .ingress))
        #expect(h.isolated("a/db", .egress))
        #expect(h.conn("b/client", "a/db") == "All Connections")
        #expect(h.conn("a/db", "a/web") == "No Connections")
    }

    @Test(arguments: ["[]", "[Egress, Ingress]", "[Ingress, Ingress]"])
    func emptyOrderedAndDuplicatePolicyTypes(_ types: String) {
        let h = Harness(Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: a}
        spec:
          podSelector: {matchLabels: {app: db}}
          policyTypes: \(types)
        """))
        #expect(h.isolated("a/db", .ingress))
        #expect(h.isolated("a/db", .egress) == (types == "[Egress, Ingress]"))
    }

    @Test func policiesAreAUnionAndNeverConflict() {
        let h = Harness(Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny, namespace: a}
        spec: {podSelector: {}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-web, namespace: a}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress:
          - from: [{podSelector: {matchLabels: {app: web}}}]
            ports: [{port: 8080}]
        """))
        #expect(h.conn("a/web", "a/db") == "TCP 8080")
        #expect(h.conn("a/db", "a/web") == "No Connections")
    }

    @Test func bothEndsMustAllow() {
        // Pitfall 17: egress of the source AND ingress of the destination.
        let h = Harness(Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web-egress, namespace: a}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Egress]
          egress:
          - to: [{podSelector: {matchLabels: {app: db}}}]
            ports: [{port: 8080}, {port: 9000}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db-ingress, namespace: a}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress:
          - from: [{podSelector: {}}]
            ports: [{port: 8080}, {port: 7000}]
        """))
        #expect(h.conn("a/web", "a/db") == "TCP 8080")
        #expect(h.conn("a/web", "a/plain") == "No Connections")
    }
}
