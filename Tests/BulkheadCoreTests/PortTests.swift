import BulkheadCore
import Testing

/// Semantics notes §2.8 and pitfalls 5, 9, 14, 16, 19, 25.
@Suite struct PortTests {
    static func ingress(_ ports: String, selector: String = "{matchLabels: {app: web}}") -> String {
        Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: a}
        spec:
          podSelector: \(selector)
          ingress:
          - ports: \(ports)
        """)
    }

    @Test(arguments: [
        // Pitfall 5: an entry without protocol is TCP; no ports at all is every protocol.
        ("[{}]", "TCP 1-65535"),
        ("[]", "All Connections"),
        ("[{protocol: UDP}]", "UDP 1-65535"),
        ("[{port: 80}]", "TCP 80"),
        ("[{port: 8000, endPort: 8999}, {port: 53, protocol: UDP}]", "TCP 8000-8999,UDP 53"),
        ("[{protocol: SCTP, port: 9000}]", "SCTP 9000"),
        ("[{port: 80}, {port: 81}, {port: 82, endPort: 90}]", "TCP 80-90"),
    ])
    func portsAreExactSets(_ ports: String, _ expected: String) {
        let h = Harness(Self.ingress(ports))
        #expect(h.conn("a/plain", "a/web") == expected)
    }

    @Test func sctpOnlyRuleStillIsolatesTCP() {
        // Pitfall 14.
        let h = Harness(Self.ingress("[{protocol: SCTP}]"))
        #expect(!h.engine.allowedConnections(from: h.pod("a/plain"), to: h.pod("a/web")).contains(.tcp, 80))
    }

    @Test func namedPortsResolvePerDestinationPod() {
        // Pitfall 9: `http` is 80 on a/web and 8080 on a/db.
        let h = Harness(Self.ingress("[{port: http}]", selector: "{}"))
        #expect(h.conn("a/plain", "a/web") == "TCP 80")
        #expect(h.conn("a/plain", "a/db") == "TCP 8080")
        #expect(h.conn("a/web", "a/plain") == "No Connections")
    }

    @Test func namedPortWithTheWrongProtocolMatchesNothing() {
        // Pitfall 25: `dns` is a UDP port; the entry defaults to TCP.
        let h = Harness(Self.ingress("[{port: dns}]"))
        #expect(h.conn("a/plain", "a/web") == "No Connections")
        let udp = Harness(Self.ingress("[{port: dns, protocol: UDP}]"))
        #expect(udp.conn("a/plain", "a/web") == "UDP 53")
    }

    @Test func egressNamedPortsResolveOnTheDestinationAndNeverMatchAddresses() {
        let h = Harness(Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: a}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Egress]
          egress:
          - ports: [{port: http}]
        """))
        #expect(h.conn("a/web", "a/db") == "TCP 8080")
        #expect(h.conn("a/web", "b/client") == "No Connections")
        #expect(h.egress("a/web", to: "1.1.1.1") == "No Connections")
    }

    @Test func serviceAndTargetPortsAreIrrelevant() {
        // Pitfall 19: policies see container ports after DNAT; a Service changes nothing.
        let h = Harness(Self.ingress("[{port: 80}]") + """

        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: a}
        spec:
          selector: {app: web}
          ports: [{port: 443, targetPort: http}]
        """)
        #expect(h.conn("a/plain", "a/web") == "TCP 80")
    }

    @Test func selfTrafficIsNeverReported() {
        // Pitfall 18: a pod always reaches itself, and the map does not list it.
        let h = Harness(Self.ingress("[{port: 80}]", selector: "{}"))
        #expect(!h.mapLines.contains { $0.hasPrefix("a/web[Pod] => a/web[Pod]") })
    }
}
