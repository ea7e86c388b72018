import BulkheadCore
import Testing

/// Semantics notes §2.7 and pitfall 10.
@Suite struct IPBlockTests {
    static func egress(_ peers: String) -> String {
        Fixture.pods("""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: a}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Egress]
          egress:
          - to: \(peers)
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: live, namespace: b, labels: {app: live}}
        spec: {containers: [{name: c, image: x}]}
        status: {phase: Running, hostIP: 192.168.1.5, podIP: 10.1.2.3, podIPs: [{ip: 10.1.2.3}]}
        """)
    }

    @Test func exceptCarvesHolesOnlyOutOfItsOwnPeer() {
        let h = Harness(Self.egress("""
        [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}, {ipBlock: {cidr: 10.1.2.0/24}}]
        """))
        #expect(h.egress("a/web", to: "10.200.0.1") == "All Connections")
        #expect(h.egress("a/web", to: "10.1.9.9") == "No Connections")
        #expect(h.egress("a/web", to: "10.1.2.77") == "All Connections")
        #expect(h.egress("a/web", to: "11.0.0.1") == "No Connections")
    }

    @Test func hostBitsAreMasked() {
        let h = Harness(Self.egress("[{ipBlock: {cidr: 192.168.242.213/24}}]"))
        #expect(h.egress("a/web", to: "192.168.242.1") == "All Connections")
        #expect(h.egress("a/web", to: "192.168.243.1") == "No Connections")
    }

    @Test func ipv4BlocksNeverMatchIPv6AndBack() {
        let h = Harness(Self.egress("[{ipBlock: {cidr: 0.0.0.0/0}}, {ipBlock: {cidr: 'fd00::/8', except: ['fd00:ec2::254/128']}}]"))
        #expect(h.egress("a/web", to: "8.8.8.8") == "All Connections")
        #expect(h.egress("a/web", to: "2001:db8::1") == "No Connections")
        #expect(h.egress("a/web", to: "fd00::1") == "All Connections")
        #expect(h.egress("a/web", to: "fd00:ec2::254") == "No Connections")
    }

    @Test func ipBlocksMatchPodIPsOnlyInTheConformanceModel() {
        let yaml = Self.egress("[{ipBlock: {cidr: 10.0.0.0/8}}]")
        let external = Harness(yaml)
        #expect(external.conn("a/web", "b/live") == "No Connections")
        let conformance = Harness(yaml, options: ModelOptions(ipBlockMatchesPodIPs: true))
        #expect(conformance.conn("a/web", "b/live") == "All Connections")
        #expect(conformance.conn("a/web", "b/client") == "No Connections")
    }

    @Test func mapSplitsTheAddressSpaceAtBlockBoundaries() {
        let h = Harness(Self.egress("[{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]"))
        let lines = h.mapLines.filter { $0.hasPrefix("a/web[Pod] => ") && $0.contains("[External]") }
        #expect(lines == [
            "a/web[Pod] => 10.0.0.0-10.0.255.255[External] : All Connections",
            "a/web[Pod] => 10.2.0.0-10.255.255.255[External] : All Connections",
        ])
        #expect(h.mapLines.contains("a/db[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections"))
    }
}
