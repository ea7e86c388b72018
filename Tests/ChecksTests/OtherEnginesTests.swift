import BulkheadCore
@testable import BulkheadScanner
import Checks
import Testing

/// Clusters protected by AdminNetworkPolicy, Cilium or Calico cluster-wide policies scan
/// clean, with the protecting policy named (peers report them unprotected).
@Suite struct OtherEnginesTests {
    static let workloads = """
    apiVersion: v1
    kind: Namespace
    metadata: {name: shop}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: shop}
    spec:
      template:
        metadata: {labels: {app: web}}
        spec: {containers: [{name: c, image: x}]}
    ---
    apiVersion: v1
    kind: Namespace
    metadata: {name: billing, labels: {tier: pci}}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: ledger, namespace: billing, labels: {app: ledger}}
    spec: {containers: [{name: c, image: x}]}
    """

    static func report(_ extra: String) -> Report {
        let load = ManifestLoader().load(text: workloads + "\n---\n" + extra, name: "c.yaml")
        precondition(load.errors.isEmpty, "\(load.errors)")
        return ScanPipeline().run(load.clusterState(), tool: ToolInfo(version: "t"), inputKind: "manifests", inputs: [], startedAt: "", finishedAt: "")
    }

    static func assertCleanAndNamed(_ r: Report, _ name: String) {
        let failing = r.results.filter { $0.status == .fail || $0.status == .indeterminate }
        #expect(failing.isEmpty, "\(failing.map { "\($0.checkID) \($0.subject): \($0.message)" })")
        for id in ["NP-0001", "NP-0002", "NP-0003", "NP-0004", "NP-0005"] {
            let results = r.results.filter { $0.checkID == id }
            #expect(!results.isEmpty && results.allSatisfy { $0.status == .pass && $0.message.contains(name) }, "\(id): \(results.map(\.message))")
        }
    }

    @Test func ciliumClusterwideDefaultDeny() {
        let r = Self.report("""
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata: {name: default-deny}
        spec:
          endpointSelector: {}
          ingress: [{}]
          egress: [{}]
        """)
        Self.assertCleanAndNamed(r, "default-deny")
        #expect(r.results.contains { $0.checkID == "NP-0016" && $0.status == .notApplicable && $0.message.contains("not modelled") })
    }

    @Test func calicoGlobalDefaultDeny() {
        Self.assertCleanAndNamed(Self.report("""
        apiVersion: projectcalico.org/v3
        kind: GlobalNetworkPolicy
        metadata: {name: deny-app-policy}
        spec:
          selector: all()
          namespaceSelector: has(kubernetes.io/metadata.name) && kubernetes.io/metadata.name not in {'kube-system'}
          types: [Ingress, Egress]
        """), "deny-app-policy")
    }

    @Test func adminNetworkPolicyDenyingStrangers() {
        let r = Self.report("""
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: BaselineAdminNetworkPolicy
        metadata: {name: default}
        spec:
          subject: {namespaces: {}}
          ingress: [{name: deny-all, action: Deny, from: [{namespaces: {}}]}]
          egress:
          - name: dns
            action: Allow
            to: [{pods: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}}]
            ports: [{portNumber: {protocol: UDP, port: 53}}]
          - {name: deny-all, action: Deny, to: [{namespaces: {}}, {networks: ["0.0.0.0/0", "::/0"]}]}
        """)
        Self.assertCleanAndNamed(r, "default")
    }

    @Test func clusterNetworkPolicyV1alpha2MatchesItsV1alpha1Equivalent() {
        let v2 = """
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata: {name: guard}
        spec:
          tier: Admin
          priority: 10
          subject: {namespaces: {matchLabels: {tier: pci}}}
          ingress:
          - {name: web-in, action: Accept, from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: shop}}}], protocols: [{tcp: {destinationPort: {number: 8443}}}]}
          - {name: rest, action: Deny, from: [{namespaces: {}}]}
        ---
        apiVersion: policy.networking.k8s.io/v1alpha2
        kind: ClusterNetworkPolicy
        metadata: {name: baseline}
        spec:
          tier: Baseline
          priority: 0
          subject: {namespaces: {}}
          egress: [{name: no-internet, action: Deny, to: [{networks: ["0.0.0.0/0"]}]}]
        """
        let v1 = """
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: AdminNetworkPolicy
        metadata: {name: guard}
        spec:
          priority: 10
          subject: {namespaces: {matchLabels: {tier: pci}}}
          ingress:
          - {name: web-in, action: Allow, from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: shop}}}], ports: [{portNumber: {protocol: TCP, port: 8443}}]}
          - {name: rest, action: Deny, from: [{namespaces: {}}]}
        ---
        apiVersion: policy.networking.k8s.io/v1alpha1
        kind: BaselineAdminNetworkPolicy
        metadata: {name: default}
        spec:
          subject: {namespaces: {}}
          egress: [{name: no-internet, action: Deny, to: [{networks: ["0.0.0.0/0"]}]}]
        """
        func lines(_ extra: String) -> [String] {
            let load = ManifestLoader().load(text: Self.workloads + "\n---\n" + extra, name: "c.yaml")
            precondition(load.errors.isEmpty, "\(load.errors)")
            return ConnectivityMap.compute(PolicyEngine(cluster: load.clusterState())).lines
        }
        let a = lines(v2), b = lines(v1)
        #expect(a == b)
        #expect(a.contains("shop/web[Deployment] => billing/ledger[Pod] : TCP 8443"))
        #expect(!a.contains { $0.hasPrefix("shop/web[Deployment] => 0.0.0.0") })
    }

    @Test func ciliumSelectionFollowsItsLabelConventions() {
        let r = Self.report("""
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata: {name: pci-only}
        spec:
          endpointSelector:
            matchLabels: {"k8s:io.cilium.k8s.namespace.labels.tier": pci}
          ingress: [{fromEndpoints: [{matchLabels: {"k8s:app": web}}]}]
        """)
        #expect(r.results.first { $0.checkID == "NP-0004" && $0.subject.namespace == "billing" }?.status == .pass)
        #expect(r.results.first { $0.checkID == "NP-0004" && $0.subject.namespace == "shop" }?.status == .fail)
    }

    @Test func intentAssertionsOnUnmodelledPoliciesAreIndeterminate() throws {
        let load = ManifestLoader().load(text: Self.workloads + "\n---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: x, namespace: billing}\nspec: {endpointSelector: {}, ingress: [{}]}\n", name: "c.yaml")
        let config = try ConfigLoader.load(text: """
        apiVersion: bulkhead.dev/v1
        kind: Configuration
        expectations:
        - {name: web-to-ledger, from: {namespace: shop}, to: {namespace: billing}, expect: denied}
        """, name: "cfg", checks: CatalogueTests.knownChecks)
        let r = ScanPipeline(configuration: config).run(load.clusterState(), tool: ToolInfo(version: "t"), inputKind: "m", inputs: [], startedAt: "", finishedAt: "")
        #expect(r.results.first { $0.checkID == "NP-0100" }?.status == .indeterminate)
    }

    @Test(arguments: [
        ("all()", ["a": "1"], true),
        ("app == 'web'", ["app": "web"], true),
        ("app == 'web' && !has(canary)", ["app": "web", "canary": "y"], false),
        ("app in {'a', 'b'} || tier != 'db'", ["app": "c", "tier": "web"], true),
        ("(app not in {'x'}) && has(app)", ["app": "y"], true),
        ("", [:], true),
    ])
    func calicoSelectors(_ text: String, _ labels: [String: String], _ expected: Bool) throws {
        let selector = try CalicoSelector.parse(text, target: .pod)
        #expect(selector.matches(Pod(namespace: "n", name: "p", labels: labels), namespaceLabels: [:]) == expected)
    }

    @Test func badCalicoSelectorsAreInputErrors() {
        let load = ManifestLoader().load(text: "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: x, namespace: a}\nspec: {selector: \"app === 'x'\"}\n", name: "bad.yaml")
        #expect(load.errors.first?.description.contains("spec.selector") == true)
    }
}
