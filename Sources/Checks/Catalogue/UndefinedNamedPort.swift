import BulkheadCore

struct UndefinedNamedPort: Check {
    let metadata = CheckMetadata(
        id: "NP-0017",
        slug: "named-port-undefined",
        title: "Named ports in rules exist on the pods they refer to",
        severity: .medium,
        subject: .policy,
        rationale: """
        A named port resolves on the destination pod (the selected pod for ingress, the peer for egress) against a \
        container port with the same name and protocol. If no such pod defines it, or defines it for another \
        protocol (a `dns` port that is UDP, in a rule whose protocol defaults to TCP), the entry matches nothing \
        and the traffic is denied. A named port never matches an ipBlock destination.
        """,
        remediation: """
        Use the name the containers declare, with its protocol, or a port number:

        ```yaml
        # container: ports: [{name: dns, containerPort: 53, protocol: UDP}]
        ports:
        - {protocol: UDP, port: dns}
        ```
        """,
        needs: ["NetworkPolicy", "Pod"],
        compliant: [
            CheckExample("the selected pods define the port", manifest: """
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop, labels: {app: api}}
            spec: {containers: [{name: api, image: api, ports: [{name: http, containerPort: 8080}]}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: api, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: api}}
              ingress:
              - ports: [{port: http}]
                from: [{podSelector: {}}]
            """, expect: ["shop/NetworkPolicy/api": .pass]),
        ],
        violating: [
            CheckExample("a UDP port named in a TCP rule, and a named port towards an ipBlock", manifest: """
            apiVersion: v1
            kind: Pod
            metadata: {name: dns, namespace: shop, labels: {app: dns}}
            spec: {containers: [{name: dns, image: dns, ports: [{name: dns, containerPort: 53, protocol: UDP}]}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: dns, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: dns}}
              policyTypes: [Ingress, Egress]
              ingress:
              - ports: [{port: dns}]
              egress:
              - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
                ports: [{port: https}]
            """, expect: ["shop/NetworkPolicy/dns": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        context.policies.map { policy in
            var violations: [Violation] = []
            var judged = false
            for located in context.effectiveRules(policy) {
                let named = located.rule.ports.enumerated().compactMap { i, p -> (Int, String, L4Protocol)? in
                    if case let .named(name) = p.port { return (i, name, p.proto) } else { return nil }
                }
                guard !named.isEmpty else { continue }
                let destinations: [Pod]
                if located.direction == .ingress {
                    destinations = context.selectedPods(policy)
                } else if let peers = located.rule.peers {
                    if peers.allSatisfy({ if case .ipBlock = $0 { return true } else { return false } }) {
                        judged = true
                        for (i, name, proto) in named {
                            violations.append(located.violation("named port \(name)/\(proto.rawValue) can never match: the rule's peers are all ipBlocks",
                                                                path: located.portPath(i)))
                        }
                        continue
                    }
                    destinations = context.cluster.pods.filter { pod in peers.contains { context.engine.peerMatches($0, in: policy, .pod(pod)) } }
                } else {
                    destinations = context.cluster.pods
                }
                guard !destinations.isEmpty else { continue }
                judged = true
                for (i, name, proto) in named where !destinations.contains(where: { $0.resolve(namedPort: name, proto: proto) != nil }) {
                    let other = destinations.compactMap { pod in pod.ports.first { $0.name == name }?.proto }.first
                    let hint = other.map { " (it is defined for \($0.rawValue))" } ?? ""
                    violations.append(located.violation("no destination pod defines port \(name) for \(proto.rawValue)\(hint)",
                                                        path: located.portPath(i)))
                }
            }
            if !judged && violations.isEmpty {
                return result(.policy(policy), .notApplicable, "\(policy.name) uses no named port the input can resolve")
            }
            return verdict(.policy(policy), violations, pass: "every named port of \(policy.name) resolves",
                           fail: "\(policy.name) names ports that match nothing")
        }
    }
}
