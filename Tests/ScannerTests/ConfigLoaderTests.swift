import BulkheadCore
import BulkheadScanner
import Testing

@Suite struct ConfigLoaderTests {
    static let checks = ConfigLoader.KnownChecks(ids: ["NP-0001", "NP-0003", "NP-0016"], slugs: ["namespace-without-policy": "NP-0001"],
                                                 options: ["NP-0016": ["dnsSelector"]])

    static func load(_ body: String) throws -> Configuration {
        try ConfigLoader.load(text: "apiVersion: bulkhead.dev/v1\nkind: Configuration\n" + body, name: "cfg.yaml", checks: checks)
    }

    @Test func aFullConfigurationLoads() throws {
        let c = try Self.load("""
        failOn: medium
        annotationWaivers: false
        scope:
          includeNamespaces: ["team-*"]
          excludeNamespaces: [team-sandbox]
          namespaceSelector: {matchLabels: {env: prod}}
          includeSystemNamespaces: true
        checks:
          disable: [namespace-without-policy]
          severity: {NP-0003: critical}
          options: {NP-0016: {dnsSelector: {namespace: kube-system, labels: {k8s-app: kube-dns}}}}
        waivers:
          - {id: W-9, check: NP-0003, namespace: legacy, reason: migrating, owner: me, expires: "2030-01-01"}
        expectations:
          - {name: e, from: [{namespace: a}, {namespace: b, labels: {app: x}}], to: {namespace: c}, port: 53/UDP, expect: denied}
        zones:
          - {name: cde, namespaces: [payments], allowedFrom: [app], allowedTo: [external]}
          - {name: app, namespaces: [web], allowedFrom: [], allowedTo: [cde]}
        """)
        #expect(c.failOn == .medium && !c.annotationWaivers)
        #expect(c.scope.includeNamespaces == ["team-*"] && c.scope.includeSystemNamespaces)
        #expect(c.disabledChecks == ["NP-0001"] && c.severityOverrides == ["NP-0003": .critical])
        #expect(c.waivers.first?.expires == "2030-01-01")
        #expect(c.expectations.first?.from.count == 2 && c.expectations.first?.proto == .udp && c.expectations.first?.port == 53)
        #expect(c.zones.count == 2)
    }

    @Test(arguments: [
        ("colour: blue\n", "unknown key 'colour'; valid keys: annotationWaivers, apiVersion, checks, expectations, failOn, kind, scope, waivers, zones"),
        ("scope: {includeNamespace: [a]}\n", "unknown key 'includeNamespace'; valid keys: excludeNamespaces, includeNamespaces"),
        ("checks: {disable: [NP-9999]}\n", "unknown check 'NP-9999'"),
        ("checks: {severity: {NP-0001: urgent}}\n", "severity must be one of"),
        ("checks: {options: {NP-0001: {x: 1}}}\n", "NP-0001 has no option 'x'; its options: none"),
        ("failOn: sometimes\n", "failOn must be one of"),
        ("waivers: [{check: NP-0001, reason: r}]\n", "expires is required"),
        ("waivers: [{check: NP-0001, reason: r, expires: next-week}]\n", "expires must be a date"),
        ("waivers: [{check: NP-0001, expires: '2030-01-01'}]\n", "reason is required"),
        ("expectations: [{name: e, from: {namespace: a}, to: {namespace: b}, expect: maybe}]\n", "expect must be allowed, denied or onlyFrom"),
        ("expectations: [{name: e, from: {namespace: a}, to: {namespace: b}, port: http, expect: allowed}]\n", "port must look like"),
        ("zones: [{name: a, namespaces: [x], allowedFrom: [b]}]\n", "names unknown zone 'b'"),
    ])
    func mistakesAreErrorsNamingFileAndLine(_ body: String, _ message: String) {
        do {
            _ = try Self.load(body)
            Issue.record("accepted: \(body)")
        } catch let error as ConfigLoader.ConfigError {
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.hasPrefix("cfg.yaml:"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func globsMatchAsShellsDo() {
        #expect(Configuration.ScopeConfig.glob("team-*", matches: "team-a"))
        #expect(!Configuration.ScopeConfig.glob("team-*", matches: "teams"))
        #expect(Configuration.ScopeConfig.glob("*-prod", matches: "pay-prod"))
        #expect(Configuration.ScopeConfig.glob("ns-?", matches: "ns-1") && !Configuration.ScopeConfig.glob("ns-?", matches: "ns-10"))
    }
}
