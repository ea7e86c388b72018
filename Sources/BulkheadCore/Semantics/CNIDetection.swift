/// Which network plugin runs, from the kube-system workloads and their images, and whether it
/// enforces NetworkPolicy. NetworkPolicies do nothing without an enforcing plugin (CIS 5.3.1).
public struct CNIDetection: Sendable, Equatable {
    public enum Enforcement: String, Sendable { case enforces, doesNotEnforce = "does-not-enforce", unknown }

    public struct Finding: Sendable, Equatable {
        public var plugin: String
        public var enforcement: Enforcement
        /// The objects that show it, e.g. "DaemonSet kube-system/calico-node (calico/node:v3.28.0)".
        public var evidence: [String]
        public var note: String?
    }

    public var findings: [Finding]

    public var enforcement: Enforcement {
        if findings.contains(where: { $0.enforcement == .enforces }) { return .enforces }
        if findings.isEmpty || findings.contains(where: { $0.enforcement == .unknown }) { return .unknown }
        return .doesNotEnforce
    }

    public var summary: String {
        findings.isEmpty ? "not detected" : findings.map { "\($0.plugin) (\($0.enforcement.rawValue); \($0.evidence.joined(separator: ", ")))" }.joined(separator: "; ")
    }

    public static func detect(_ cluster: ClusterState) -> CNIDetection {
        let systemNamespaces: Set<String> = ["kube-system", "calico-system", "kube-flannel", "tigera-operator", "cilium", "cilium-system", "azure-system"]
        let candidates = cluster.workloads.filter { systemNamespaces.contains($0.ref.namespace) && ($0.ref.kind == "DaemonSet" || $0.ref.kind == "Deployment") }
        func evidence(_ w: Workload) -> String {
            let images = w.containers.map(\.image).filter { !$0.isEmpty }.joined(separator: ", ")
            return "\(w.ref.kind) \(w.ref.namespace)/\(w.ref.name)" + (images.isEmpty ? "" : " (\(images))")
        }
        func has(_ w: Workload, _ needles: [String]) -> Bool {
            let text = ([w.ref.name] + w.containers.flatMap { [$0.name, $0.image] }).joined(separator: " ").lowercased()
            return needles.contains { text.contains($0) }
        }
        var findings: [Finding] = []
        func add(_ plugin: String, _ enforcement: Enforcement, _ w: [Workload], note: String? = nil) {
            guard !w.isEmpty else { return }
            findings.append(Finding(plugin: plugin, enforcement: enforcement, evidence: w.map(evidence), note: note))
        }
        let anetd = candidates.filter { has($0, ["anetd"]) }
        let cilium = candidates.filter { has($0, ["cilium/cilium", "cilium-agent"]) || $0.ref.name == "cilium" }
        let azure = candidates.filter { has($0, ["azure-cns", "azure-npm"]) }
        if !anetd.isEmpty {
            add("GKE Dataplane V2", .enforces, anetd)
        } else if !cilium.isEmpty {
            add(azure.contains { has($0, ["azure-cns"]) } ? "Azure CNI powered by Cilium" : "Cilium", .enforces, cilium)
        }
        let canal = candidates.filter { $0.ref.name == "canal" || (has($0, ["calico/node", "calico-node"]) && has($0, ["flannel"])) }
        let calico = candidates.filter { has($0, ["calico/node", "calico-node"]) && !canal.contains($0) }
        add("Canal (Calico policy over flannel)", .enforces, canal)
        add(calico.contains { has($0, ["gke.gcr.io"]) } ? "Calico on GKE" : "Calico", .enforces, calico)
        add("Weave Net", .enforces, candidates.filter { has($0, ["weave-net", "weave-kube", "weave-npc"]) })
        add("Antrea", .enforces, candidates.filter { has($0, ["antrea-agent", "antrea/antrea"]) })
        add("kube-router", .enforces, candidates.filter { has($0, ["kube-router"]) })
        add("OVN-Kubernetes", .enforces, candidates.filter { has($0, ["ovnkube"]) })
        add("Azure Network Policy Manager", .enforces, candidates.filter { has($0, ["azure-npm"]) })
        let aws = candidates.filter { has($0, ["amazon-k8s-cni", "aws-node"]) }
        if !aws.isEmpty {
            let agent = aws.contains { has($0, ["aws-network-policy-agent"]) }
            add(agent ? "AWS VPC CNI with its network policy agent" : "AWS VPC CNI without its network policy agent",
                agent ? .enforces : .doesNotEnforce, aws,
                note: agent ? nil : "enable the VPC CNI network policy agent (enableNetworkPolicy) or run an enforcing plugin")
        }
        let flannel = candidates.filter { has($0, ["flannel"]) && !canal.contains($0) }
        add("flannel", .doesNotEnforce, flannel, note: "flannel alone does not enforce NetworkPolicy")
        add("kindnet", .unknown, candidates.filter { has($0, ["kindnet"]) },
            note: "whether kindnet enforces NetworkPolicy depends on its version")
        return CNIDetection(findings: findings)
    }
}
