import BulkheadCore

struct EgressWithoutDNS: Check {
    let metadata = CheckMetadata(
        id: "NP-0016",
        slug: "egress-isolated-without-dns",
        title: "Egress-isolated workloads can resolve names",
        severity: .medium,
        subject: .workload,
        rationale: """
        Once a pod is isolated for egress, DNS is denied too unless a rule allows port 53. The pod can then no longer \
        resolve Service names, and teams under pressure "fix" it with an allow-all egress rule. A default-deny egress \
        policy should come with a DNS allowance.
        """,
        remediation: """
        Allow DNS to the cluster DNS pods:

        ```yaml
        \(RemediationYAML.dnsEgress(namespace: "NAMESPACE"))```
        """,
        needs: ["NetworkPolicy", "Pod"],
        options: ["dnsSelector": "The cluster DNS pods, as {namespace: NAME, labels: {KEY: VALUE}}: DNS must be allowed to them, not merely to some port 53."],
        compliant: [
            CheckExample("default deny with a DNS allowance", manifest: """
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop, labels: {app: api}}
            spec: {containers: [{name: api, image: api}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
            spec: {containers: [{name: dns, image: coredns, ports: [{name: dns, containerPort: 53, protocol: UDP}]}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Egress]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: dns, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - to:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
                  podSelector: {matchLabels: {k8s-app: kube-dns}}
                ports: [{port: dns, protocol: UDP}]
            """, expect: ["shop/Pod/api": .pass]),
        ],
        violating: [
            CheckExample("default deny egress and nothing else", manifest: """
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop, labels: {app: api}}
            spec: {containers: [{name: api, image: api}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            """, expect: ["shop/Pod/api": .fail]),
        ]
    )

    static let dns = ConnectionSet.ports(.udp, PortSet(53, 53)).union(.ports(.tcp, PortSet(53, 53)))

    /// The DNS pods the configuration names (`dnsSelector`), if any.
    static func dnsServers(_ context: CheckContext) -> [Pod]? {
        guard let option = context.option("NP-0016", "dnsSelector") else { return nil }
        let namespace = option["namespace"]?.stringValue
        var labels: [String: String] = [:]
        if case let .object(fields, _)? = option["labels"] { for (k, v) in fields { labels[k] = v.stringValue ?? "" } }
        let set = Configuration.PodSet(namespace: namespace, labels: LabelSelector(matchLabels: labels))
        return context.cluster.pods.filter { set.contains($0, namespaceLabels: context.cluster.namespaceLabels($0.namespace)) }
    }

    /// Whether any egress rule lets the pod send DNS (port 53, UDP or TCP) somewhere, or to the
    /// configured DNS pods when there are some.
    /// Whether a rule lets its selected pods send DNS does not depend on which pod it selects:
    /// each rule is judged once per scan.
    final class RuleCache {
        struct RuleKey: Hashable {
            var namespace: String
            var name: String
            var index: Int
        }
        var verdicts: [RuleKey: Bool] = [:]
        /// Pods an ipBlock can match at all (computed once).
        var addressable: [Pod]?
    }

    static func allowsDNS(_ pod: Pod, _ context: CheckContext, cache: RuleCache = RuleCache()) -> Bool {
        let engine = context.engine
        if let servers = dnsServers(context), !servers.isEmpty {
            return servers.contains { !engine.allowed(pod, .egress, other: .pod($0)).intersection(dns).isEmpty }
        }
        if !engine.cluster.adminPolicies.isEmpty {
            // Admin tiers decide per peer: ask every pod, the cluster DNS as it usually runs
            // (for inputs that do not hold kube-system), and a stranger address.
            let clusterDNS = Pod(namespace: "kube-system", name: "coredns", labels: ["k8s-app": "kube-dns"],
                                 ports: [ContainerPort(name: "dns", number: 53, proto: .udp), ContainerPort(name: "dns-tcp", number: 53, proto: .tcp)])
            return (context.cluster.pods + [clusterDNS]).contains { !engine.allowed(pod, .egress, other: .pod($0)).intersection(dns).isEmpty }
                || !engine.allowed(pod, .egress, other: .address(IPAddress("203.0.113.53")!)).intersection(dns).isEmpty
        }
        for policy in engine.policies(selecting: pod, .egress) {
            for (index, rule) in policy.egress.enumerated() where mayAllowDNS(rule) {
                let key = RuleCache.RuleKey(namespace: policy.namespace, name: policy.name, index: index)
                if let verdict = cache.verdicts[key] {
                    if verdict { return true }
                    continue
                }
                let verdict = ruleAllowsDNS(rule, policy, context, cache: cache)
                cache.verdicts[key] = verdict
                if verdict { return true }
            }
        }
        return false
    }

    static func ruleAllowsDNS(_ rule: PolicyRule, _ policy: NetworkPolicy, _ context: CheckContext, cache: RuleCache) -> Bool {
        func namespaces(_ selector: LabelSelector?) -> [String] {
            guard let selector else { return [policy.namespace] }
            return context.namespaces(matching: selector)
        }
        let engine = context.engine
        let toAddresses = engine.connections(of: rule, towards: nil)
        let reachesAddresses = rule.peers.map { $0.contains { if case .ipBlock = $0 { return true } else { return false } } } ?? true
        if reachesAddresses && !toAddresses.intersection(dns).isEmpty { return true }
        // Only the pods the peers can select: their namespaces' pods, not the whole cluster.
        var candidates: [Pod]
        if let peers = rule.peers {
            var selected: Set<String> = []
            for case let .pods(namespaceSelector, _) in peers { selected.formUnion(namespaces(namespaceSelector)) }
            candidates = selected.sorted().flatMap { context.cluster.pods(in: $0) }
            if cache.addressable == nil {
                cache.addressable = context.cluster.pods.filter { !$0.ips.isEmpty && (engine.options.ipBlockMatchesPodIPs || engine.isHostNetworked($0)) }
            }
            candidates += cache.addressable!
        } else {
            candidates = context.cluster.pods
        }
        for other in candidates where engine.ruleMatchesPeer(rule, in: policy, .pod(other)) {
            if !engine.connections(of: rule, towards: other).intersection(dns).isEmpty { return true }
        }
        // Port 53 to namespaces the input holds no pods of (kube-system, when only an
        // application's manifests are scanned): the DNS pods are there, out of sight.
        if !toAddresses.intersection(dns).isEmpty, let peers = rule.peers {
            for case let .pods(namespaceSelector, _) in peers where namespaces(namespaceSelector).contains(where: { !context.hasPods(in: $0) }) {
                return true
            }
        }
        return false
    }

    /// A rule whose ports cannot include 53 needs no look at its peers.
    static func mayAllowDNS(_ rule: PolicyRule) -> Bool {
        rule.ports.isEmpty || rule.ports.contains { p in
            switch p.port {
            case nil: return p.proto != .sctp
            case .named: return true
            case let .number(n): return p.proto != .sctp && n <= 53 && 53 <= (p.endPort ?? n)
            }
        }
    }

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        let cache = RuleCache()
        return context.workloads.map { w in
            let protections = w.pods.map { context.engine.protection($0, .egress) }
            if protections.contains(where: \.onlyForeign) {
                let names = Set(protections.flatMap(\.foreignPolicies).map { "\($0.kind) \($0.name)" }).sorted().joined(separator: ", ")
                return result(w.subject, .notApplicable, "\(w.ref) is isolated for egress by \(names), whose rules are not modelled: DNS allowance not checked")
            }
            let isolated = zip(w.pods, protections).filter { $0.1.isProtected }.map(\.0)
            if isolated.isEmpty { return result(w.subject, .notApplicable, "\(w.ref) is not isolated for egress (see NP-0005)") }
            let blind = isolated.filter { !Self.allowsDNS($0, context, cache: cache) }
            if blind.isEmpty { return result(w.subject, .pass, "\(w.ref) is isolated for egress and may send DNS queries") }
            let policies = Set(blind.flatMap { context.engine.protection($0, .egress).refs }).sorted()
            return result(w.subject, .fail, "\(w.ref) is isolated for egress by \(policies.map { "\($0.kind) \($0.name)" }.joined(separator: ", ")) but no rule allows DNS (port 53)",
                          violations: [Violation(message: "no egress rule allows UDP or TCP port 53", object: w.object, source: w.source,
                                                 related: policies)],
                          remediation: RemediationYAML.dnsEgress(namespace: w.ref.namespace))
        }
    }
}
