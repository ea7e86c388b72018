import BulkheadCore
import BulkheadScanner
import Checks
import Testing

/// Network plugin detection on kube-system fixtures shaped like each plugin's real manifests.
@Suite struct CNIDetectionTests {
    static func daemonSet(_ name: String, _ containers: [(String, String)], namespace: String = "kube-system") -> String {
        let list = containers.map { "{name: \($0.0), image: \"\($0.1)\"}" }.joined(separator: ", ")
        return """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: \(name), namespace: \(namespace)}
        spec:
          template:
            metadata: {labels: {k8s-app: \(name)}}
            spec: {hostNetwork: true, containers: [\(list)]}
        """
    }

    static let coredns = """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: coredns, namespace: kube-system}
    spec:
      template:
        metadata: {labels: {k8s-app: kube-dns}}
        spec: {containers: [{name: coredns, image: "registry.k8s.io/coredns/coredns:v1.11.1"}]}
    """

    static let fixtures: [(String, [String], String, CNIDetection.Enforcement)] = [
        ("calico", [daemonSet("calico-node", [("calico-node", "docker.io/calico/node:v3.28.0")])], "Calico", .enforces),
        ("calico-operator", [daemonSet("calico-node", [("calico-node", "quay.io/tigera/operator-calico-node:v3.28.0")], namespace: "calico-system")], "Calico", .enforces),
        ("cilium", [daemonSet("cilium", [("cilium-agent", "quay.io/cilium/cilium:v1.15.6")])], "Cilium", .enforces),
        ("weave", [daemonSet("weave-net", [("weave", "weaveworks/weave-kube:2.8.1"), ("weave-npc", "weaveworks/weave-npc:2.8.1")])], "Weave Net", .enforces),
        ("antrea", [daemonSet("antrea-agent", [("antrea-agent", "antrea/antrea-agent-ubuntu:v2.0.0")])], "Antrea", .enforces),
        ("kube-router", [daemonSet("kube-router", [("kube-router", "docker.io/cloudnativelabs/kube-router:v2.1.3")])], "kube-router", .enforces),
        ("canal", [daemonSet("canal", [("calico-node", "docker.io/calico/node:v3.28.0"), ("kube-flannel", "docker.io/flannel/flannel:v0.25.1")])],
         "Canal (Calico policy over flannel)", .enforces),
        ("flannel", [daemonSet("kube-flannel-ds", [("kube-flannel", "docker.io/flannel/flannel:v0.25.1")], namespace: "kube-flannel")], "flannel", .doesNotEnforce),
        ("aws-vpc-cni", [daemonSet("aws-node", [("aws-node", "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.2")])],
         "AWS VPC CNI without its network policy agent", .doesNotEnforce),
        ("aws-vpc-cni-agent", [daemonSet("aws-node", [("aws-node", "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.2"),
                                                      ("aws-eks-nodeagent", "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.1.2")])],
         "AWS VPC CNI with its network policy agent", .enforces),
        ("azure-npm", [daemonSet("azure-npm", [("azure-npm", "mcr.microsoft.com/containernetworking/azure-npm:v1.5.34")])], "Azure Network Policy Manager", .enforces),
        ("azure-cilium", [daemonSet("cilium", [("cilium-agent", "mcr.microsoft.com/oss/cilium/cilium:1.14.10")]),
                          daemonSet("azure-cns", [("cns-container", "mcr.microsoft.com/containernetworking/azure-cns:v1.5.32")])],
         "Azure CNI powered by Cilium", .enforces),
        ("gke-dataplane-v2", [daemonSet("anetd", [("cilium-agent", "gke.gcr.io/cilium/cilium:v1.14.8-gke")])], "GKE Dataplane V2", .enforces),
        ("calico-on-gke", [daemonSet("calico-node", [("calico-node", "gke.gcr.io/calico/node:v3.26.3-gke.4")])], "Calico on GKE", .enforces),
        ("ovn-kubernetes", [daemonSet("ovnkube-node", [("ovnkube-controller", "ghcr.io/ovn-org/ovn-kubernetes/ovn-kube-ubuntu:master")], namespace: "kube-system")],
         "OVN-Kubernetes", .enforces),
        ("kindnet", [daemonSet("kindnet", [("kindnet-cni", "docker.io/kindest/kindnetd:v20240513-cd2ac642")])], "kindnet", .unknown),
        ("unknown", [coredns], "", .unknown),
    ]

    @Test(arguments: fixtures.map(\.0))
    func detectsThePlugin(_ name: String) throws {
        let (_, docs, plugin, enforcement) = try #require(Self.fixtures.first { $0.0 == name })
        let state = ManifestLoader().load(text: ([Self.coredns] + docs).joined(separator: "\n---\n"), name: "\(name).yaml").clusterState(source: .snapshot)
        let detection = CNIDetection.detect(state)
        #expect(detection.enforcement == enforcement, "\(detection.summary)")
        if !plugin.isEmpty { #expect(detection.findings.map(\.plugin).contains(plugin), "\(detection.summary)") }
        let result = try #require(CatalogueTests.run(Catalogue.check("NP-0020")!, ([Self.coredns] + docs).joined(separator: "\n---\n"), source: .snapshot).first)
        #expect(result.status == [.enforces: .pass, .doesNotEnforce: .fail, .unknown: .manual][enforcement]!)
        // From manifests nothing is certain: always manual.
        let fromManifests = try #require(CatalogueTests.run(Catalogue.check("NP-0020")!, ([Self.coredns] + docs).joined(separator: "\n---\n")).first)
        #expect(fromManifests.status == .manual)
    }

    @Test func aMixOfAPluginThatEnforcesAndOneThatDoesNotEnforces() {
        let state = ManifestLoader().load(text: [Self.fixtures[8].1[0], Self.fixtures[0].1[0]].joined(separator: "\n---\n"), name: "mix.yaml").clusterState()
        #expect(CNIDetection.detect(state).enforcement == .enforces)
    }
}
