import BulkheadCore

struct CNIEnforcesPolicy: Check {
    let metadata = CheckMetadata(
        id: "NP-0020",
        slug: "cni-enforces-networkpolicy",
        title: "The network plugin enforces NetworkPolicy",
        severity: .critical,
        subject: .cluster,
        rationale: """
        NetworkPolicies are only data until the network plugin (CNI) enforces them: flannel alone, kubenet, and the \
        AWS VPC CNI without its network policy agent accept every policy and enforce none, so every other result \
        here describes intent, not traffic (CIS Kubernetes 5.3.1). Bulkhead recognises the plugin from the \
        kube-system DaemonSets and their images. From manifests, or when the plugin is not recognised, an auditor \
        must verify it.
        """,
        remediation: """
        Run an enforcing plugin (Calico, Cilium, Antrea, Weave Net, kube-router, OVN-Kubernetes, GKE Dataplane V2, \
        Azure NPM), or enable enforcement in the one you have, e.g. on EKS:

        ```yaml
        # aws eks update-addon --addon-name vpc-cni --configuration-values '{"enableNetworkPolicy": "true"}'
        enableNetworkPolicy: "true"
        ```
        """,
        needs: ["DaemonSet", "Deployment"],
        compliant: [
            CheckExample("Calico in a live snapshot", manifest: """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: calico-node, namespace: kube-system}
            spec:
              template:
                metadata: {labels: {k8s-app: calico-node}}
                spec: {hostNetwork: true, containers: [{name: calico-node, image: "docker.io/calico/node:v3.28.0"}]}
            """, source: .snapshot, expect: ["network plugin": .pass]),
        ],
        violating: [
            CheckExample("flannel alone", manifest: """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: kube-flannel-ds, namespace: kube-system}
            spec:
              template:
                metadata: {labels: {app: flannel}}
                spec: {hostNetwork: true, containers: [{name: kube-flannel, image: "docker.io/flannel/flannel:v0.25.1"}]}
            """, source: .snapshot, expect: ["network plugin": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] { [decide(context)] }

    func decide(_ context: CheckContext) -> CheckResult {
        let detection = CNIDetection.detect(context.cluster)
        let subject = Subject(kind: .cluster, name: "network plugin")
        let evidence = detection.findings.flatMap(\.evidence).map { ObjectRef(kind: "Evidence", namespace: nil, name: $0) }
        let live = context.cluster.source == .live || context.cluster.source == .snapshot
        switch detection.enforcement {
        case .enforces:
            let plugins = detection.findings.filter { $0.enforcement == .enforces }.map(\.plugin).joined(separator: ", ")
            if live { return result(subject, .pass, "\(plugins) enforces NetworkPolicy (\(detection.summary))", evidence: evidence) }
            return result(subject, .manual, "the manifests include \(plugins), which enforces NetworkPolicy; verify that it runs in the cluster (\(detection.summary))",
                          evidence: evidence)
        case .doesNotEnforce:
            let notes = detection.findings.compactMap(\.note).joined(separator: "; ")
            let status: ResultStatus = live ? .fail : .manual
            return result(subject, status, "\(detection.summary): NetworkPolicies are not enforced" + (notes.isEmpty ? "" : " (\(notes))"),
                          violations: status == .fail ? [Violation(message: "no enforcing network plugin: \(detection.summary)")] : [],
                          evidence: evidence)
        case .unknown:
            let what = detection.findings.isEmpty ? "no known network plugin was found in kube-system" : detection.summary
            return result(subject, .manual, "\(what): obtain the plugin's name, version and documentation showing it enforces Ingress and Egress policies",
                          evidence: evidence)
        }
    }
}
