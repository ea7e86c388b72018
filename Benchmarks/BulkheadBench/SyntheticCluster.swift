import BulkheadCore

/// A seeded synthetic cluster for the engine benchmarks: namespaces of deployments, most
/// locked down (default-deny both ways, explicit allows, DNS), some ingress-only, some open.
struct SyntheticCluster {
    var namespaces: Int
    var deploymentsPerNamespace: Int
    var replicas: Int
    var policiesPerNamespace: Int
    /// Every n-th namespace has no policy at all (0: none such).
    var openEvery: Int
    var seed: UInt64 = 1

    func state() -> ClusterState {
        var raw = RawObjects()
        var rng = seed
        func next() -> UInt64 {
            rng &+= 0x9E37_79B9_7F4A_7C15
            var z = rng
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        raw.namespaces.append(Namespace(name: "kube-system"))
        raw.pods.append(.init(pod: Pod(namespace: "kube-system", name: "coredns", labels: ["k8s-app": "kube-dns"],
                                       ports: [ContainerPort(name: "dns", number: 53, proto: .udp)],
                                       owner: WorkloadRef(namespace: "kube-system", name: "coredns", kind: "Deployment"))))
        for n in 0..<namespaces {
            let ns = "ns-\(n)"
            raw.namespaces.append(Namespace(name: ns, labels: ["team": "team-\(n % 50)", "env": n % 3 == 0 ? "prod" : "dev"]))
            for d in 0..<deploymentsPerNamespace {
                let owner = WorkloadRef(namespace: ns, name: "app-\(d)", kind: "Deployment")
                for r in 0..<replicas {
                    let ip = IPAddress(family: .v4, value: UInt128(0x0A00_0000 + n * 4096 + d * replicas + r))
                    raw.pods.append(.init(pod: Pod(
                        namespace: ns, name: "app-\(d)-\(r)", labels: ["app": "app-\(d)", "tier": d % 2 == 0 ? "web" : "api"],
                        ports: [ContainerPort(name: "http", number: 8080), ContainerPort(name: "metrics", number: 9090)],
                        ips: [ip], owner: owner)))
                }
            }
            if openEvery > 0 && n % openEvery == openEvery - 1 { continue }
            var policies: [NetworkPolicy] = [
                NetworkPolicy(namespace: ns, name: "default-deny", declaredPolicyTypes: n % 5 == 4 ? [.ingress] : [.ingress, .egress]),
                NetworkPolicy(namespace: ns, name: "allow-dns", declaredPolicyTypes: [.egress], egress: [PolicyRule(
                    peers: [.pods(namespaceSelector: LabelSelector(matchLabels: ["kubernetes.io/metadata.name": "kube-system"]),
                                  podSelector: LabelSelector(matchLabels: ["k8s-app": "kube-dns"]))],
                    ports: [PolicyPort(proto: .udp, port: .number(53))])]),
            ]
            for p in 0..<max(0, policiesPerNamespace - 2) {
                let target = Int(next() % UInt64(deploymentsPerNamespace))
                let source = Int(next() % UInt64(deploymentsPerNamespace))
                let otherTeam = "team-\(Int(next() % 50))"
                policies.append(NetworkPolicy(
                    namespace: ns, name: "allow-\(p)", podSelector: LabelSelector(matchLabels: ["app": "app-\(target)"]),
                    declaredPolicyTypes: [.ingress, .egress],
                    ingress: [PolicyRule(peers: [.pods(namespaceSelector: nil, podSelector: LabelSelector(matchLabels: ["app": "app-\(source)"])),
                                                 .pods(namespaceSelector: LabelSelector(matchLabels: ["team": otherTeam]),
                                                       podSelector: LabelSelector(matchExpressions: [.init(key: "tier", op: .in, values: ["web"])]))],
                                         ports: [PolicyPort(port: .named("http"))])],
                    egress: [PolicyRule(peers: [.pods(namespaceSelector: LabelSelector(matchLabels: ["team": otherTeam]), podSelector: nil),
                                                .ipBlock(IPBlock(cidr: CIDR("0.0.0.0/0")!, except: [CIDR("169.254.169.254/32")!]))],
                                        ports: [PolicyPort(port: .number(443)), PolicyPort(port: .number(8000), endPort: 8999)])]))
            }
            raw.policies += policies
        }
        return ClusterState.assemble(raw)
    }
}
