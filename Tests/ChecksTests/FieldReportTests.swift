import BulkheadCore
import BulkheadScanner
import Checks
import Testing

/// False positives and negatives that users report about existing scanners (the project's
/// anchors notes, §3): none of them may happen here.
@Suite struct FieldReportTests {
    static func status(_ id: String, _ subject: String, _ yaml: String) -> ResultStatus? {
        let state = ManifestLoader().load(text: yaml, name: "field.yaml").clusterState()
        let context = CheckContext(engine: PolicyEngine(cluster: state), namespaces: state.sortedNamespaceNames)
        return CheckRunner(checks: [Catalogue.check(id)!]).run(context).first { $0.subject.description == subject }?.status
    }

    static let web = """
    apiVersion: v1
    kind: Pod
    metadata: {name: web, namespace: shop, labels: {app: web, tier: front}}
    spec: {containers: [{name: c, image: x}]}

    """

    @Test func popeye116CrossNamespacePeerSelectorsAreNotDangling() {
        #expect(Self.status("NP-0013", "shop/NetworkPolicy/p", Self.web + """
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: edge, labels: {role: edge}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: proxy, namespace: edge, labels: {app: proxy}}
        spec: {containers: [{name: c, image: x}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: shop}
        spec:
          podSelector: {}
          ingress:
          - from:
            - namespaceSelector: {matchLabels: {role: edge}}
              podSelector: {matchLabels: {app: proxy}}
        """) == .pass)
    }

    @Test func popeye202CatchAllNamespaceSelectorIsNotDangling() {
        #expect(Self.status("NP-0013", "shop/NetworkPolicy/p", Self.web + """
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: shop}
        spec:
          podSelector: {}
          ingress: [{from: [{namespaceSelector: {}}]}]
        """) == .pass)
    }

    @Test func popeye1206ExternalIPBlocksAreNeverDangling() {
        let status = Self.status("NP-0013", "shop/NetworkPolicy/p", Self.web + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: shop}
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress: [{to: [{ipBlock: {cidr: 203.0.113.0/24}}]}]
        """)
        #expect(status == .notApplicable)
    }

    @Test func kubeScore293EmptyPodSelectorSelectsEveryPod() {
        #expect(Self.status("NP-0004", "shop/Pod/web", Self.web + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny, namespace: shop}
        spec: {podSelector: {}}
        """) == .pass)
    }

    @Test func polaris1088DefaultDenyWithoutRulesCountsAsProtection() {
        let yaml = Self.web + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
        """
        #expect(Self.status("NP-0004", "shop/Pod/web", yaml) == .pass)
        #expect(Self.status("NP-0005", "shop/Pod/web", yaml) == .pass)
        #expect(Self.status("NP-0002", "shop", yaml) == .pass)
    }

    @Test func polarisSelectorWithTwoOfThePodsLabelsMatches() {
        #expect(Self.status("NP-0004", "shop/Pod/web", Self.web + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop}
        spec: {podSelector: {matchLabels: {app: web, tier: front}}}
        """) == .pass)
    }

    @Test func checkov7474PoliciesNeverCrossNamespaces() {
        #expect(Self.status("NP-0004", "shop/Pod/web", Self.web + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny, namespace: other}
        spec: {podSelector: {}}
        """) == .fail)
    }

    @Test(arguments: [("In", "[front]", ResultStatus.pass), ("In", "[back]", .fail), ("NotIn", "[front]", .fail), ("NotIn", "[back]", .pass)])
    func checkov7668MatchExpressionsAreHonoured(_ op: String, _ values: String, _ expected: ResultStatus) {
        #expect(Self.status("NP-0004", "shop/Pod/web", Self.web + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: shop}
        spec:
          podSelector:
            matchExpressions: [{key: tier, operator: \(op), values: \(values)}]
        """) == expected)
    }

    @Test func kubescapeC0030IngressOnlyDoesNotSatisfyEgress() {
        let yaml = Self.web + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        """
        #expect(Self.status("NP-0004", "shop/Pod/web", yaml) == .pass)
        #expect(Self.status("NP-0005", "shop/Pod/web", yaml) == .fail)
    }

    @Test func netfetch110DenyAllDetectionHonoursPolicyTypes() {
        let yaml = Self.web + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: looks-like-deny-all, namespace: shop}
        spec:
          podSelector: {}
          ingress: []
          egress: []
        """
        #expect(Self.status("NP-0002", "shop", yaml) == .pass)
        #expect(Self.status("NP-0003", "shop", yaml) == .fail)
    }

    @Test func trivyCIS532AnEmptyOrAllowAllNamespaceIsNotCompliant() {
        #expect(Self.status("NP-0001", "shop", Self.web) == .fail)
        let allowAll = Self.web + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-all, namespace: shop}
        spec: {podSelector: {}, ingress: [{}]}
        """
        // gke-policy-library #40: an allow-all policy satisfies "has a policy" but is not a default deny.
        #expect(Self.status("NP-0001", "shop", allowAll) == .pass)
        #expect(Self.status("NP-0002", "shop", allowAll) == .fail)
        #expect(Self.status("NP-0006", "shop/NetworkPolicy/allow-all", allowAll) == .fail)
    }

    @Test func popeye311BeingAPeerOfAPolicyIsNotBeingIsolated() {
        #expect(Self.status("NP-0004", "shop/Pod/web", Self.web + """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: db}}
          ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
        """) == .fail)
    }

    @Test func kubeScore653ObjectsWithoutNamespaceMeetInDefault() {
        #expect(Self.status("NP-0004", "default/Pod/web", """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, labels: {app: web}}
        spec: {containers: [{name: c, image: x}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web}
        spec: {podSelector: {matchLabels: {app: web}}}
        """) == .pass)
    }

    @Test func theDemoShowsEveryKindOfFinding() throws {
        let state = DemoCluster.load().clusterState()
        let config = try ConfigLoader.load(text: DemoCluster.configuration, name: "demo", checks: CatalogueTests.knownChecks)
        let report = ScanPipeline(configuration: config).run(state, tool: ToolInfo(version: "t"), inputKind: "demo", inputs: [],
                                                             startedAt: "2026-11-30T00:00:00Z", finishedAt: "")
        for check in Catalogue.all {
            #expect(report.results.contains { $0.checkID == check.metadata.id && [.fail, .waived, .manual].contains($0.status) },
                    "\(check.metadata.id) never fails on the demo")
        }
    }
}
