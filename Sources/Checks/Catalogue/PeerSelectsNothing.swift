import BulkheadCore

struct PeerSelectsNothing: Check {
    let metadata = CheckMetadata(
        id: "NP-0013",
        slug: "peer-selects-nothing",
        title: "Each peer selects something",
        severity: .medium,
        subject: .policy,
        rationale: """
        A peer whose namespaceSelector matches no namespace, or whose podSelector matches no pod where it looks, \
        allows nothing: the traffic it was written for is denied, usually because of a typo. Cross-namespace peers \
        are evaluated in the namespaces they select. Namespaces the input declares nothing about (no Namespace \
        objects, or no pods) are not judged, so a partial set of manifests does not raise false alarms.
        """,
        remediation: "Fix the selector to match the labels the peers actually carry (`kubectl get pods --show-labels`).",
        needs: ["NetworkPolicy", "Pod", "Namespace"],
        compliant: [
            CheckExample("a cross-namespace peer that matches", manifest: """
            apiVersion: v1
            kind: Namespace
            metadata: {name: monitoring}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: prometheus, namespace: monitoring, labels: {app: prometheus}}
            spec: {containers: [{name: p, image: p}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: metrics, namespace: shop}
            spec:
              podSelector: {}
              ingress:
              - from:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
                  podSelector: {matchLabels: {app: prometheus}}
                - namespaceSelector: {}
            """, expect: ["shop/NetworkPolicy/metrics": .pass]),
        ],
        violating: [
            CheckExample("a typo in a namespace name and in a pod label", manifest: """
            apiVersion: v1
            kind: Namespace
            metadata: {name: monitoring}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: prometheus, namespace: monitoring, labels: {app: prometheus}}
            spec: {containers: [{name: p, image: p}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: metrics, namespace: shop}
            spec:
              podSelector: {}
              ingress:
              - from:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitorig}}
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
                  podSelector: {matchLabels: {app: prometheos}}
            """, expect: ["shop/NetworkPolicy/metrics": .fail]),
        ]
    )

    func evaluate(_ context: CheckContext) -> [CheckResult] {
        context.policies.map { policy in
            var violations: [Violation] = []
            var judged = 0
            for located in context.effectiveRules(policy) {
                for (i, peer) in (located.rule.peers ?? []).enumerated() {
                    guard case let .pods(namespaceSelector, podSelector) = peer else { continue }
                    let namespaces: [String]
                    if let namespaceSelector {
                        guard context.declaresNamespaces else { continue }
                        namespaces = context.namespaces(matching: namespaceSelector)
                        if namespaces.isEmpty {
                            judged += 1
                            violations.append(located.violation("namespaceSelector \(namespaceSelector.description) matches no namespace",
                                                                path: located.peerPath(i) + ".namespaceSelector"))
                            continue
                        }
                    } else {
                        namespaces = [policy.namespace]
                    }
                    guard podSelector != nil else {
                        judged += 1
                        continue
                    }
                    guard namespaces.contains(where: context.hasPods) else { continue }
                    judged += 1
                    if !namespaces.contains(where: { ns in context.cluster.pods(in: ns).contains { context.engine.peerMatches(peer, in: policy, .pod($0)) } }) {
                        let place = namespaceSelector == nil ? "namespace \(policy.namespace)" : "the namespaces it selects (\(namespaces.joined(separator: ", ")))"
                        violations.append(located.violation("podSelector \(podSelector!.description) matches no pod in \(place)",
                                                            path: located.peerPath(i) + ".podSelector"))
                    }
                }
            }
            if violations.isEmpty && judged == 0 {
                return result(.policy(policy), .notApplicable, "\(policy.name) has no selector peer the input can judge")
            }
            return verdict(.policy(policy), violations, pass: "every peer of \(policy.name) selects something",
                           fail: "\(policy.name) has peers that select nothing in the scanned input")
        }
    }
}
