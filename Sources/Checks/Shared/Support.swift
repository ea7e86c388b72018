import BulkheadCore

/// A workload (or bare pod) and the pods that stand for it.
struct WorkloadGroup {
    var ref: WorkloadRef
    var pods: [Pod]

    var subject: Subject { Subject(kind: .workload, namespace: ref.namespace, name: "\(ref.kind)/\(ref.name)") }
    var object: ObjectRef { ObjectRef(kind: ref.kind, namespace: ref.namespace, name: ref.name) }
    var source: SourceLocation? { pods.first?.source }

    static func inScope(_ cluster: ClusterState, namespaces: [String]) -> [WorkloadGroup] {
        let inScope = Set(namespaces)
        var groups: [WorkloadRef: [Pod]] = [:]
        for pod in cluster.pods where inScope.contains(pod.namespace) { groups[pod.owner, default: []].append(pod) }
        return WorkloadRef.sorted(Array(groups.keys), by: \.self).map { WorkloadGroup(ref: $0, pods: groups[$0]!) }
    }
}

/// A rule of a policy, with the path that locates it in the manifest.
struct LocatedRule {
    var policy: NetworkPolicy
    var direction: Direction
    var index: Int
    var rule: PolicyRule

    var path: String { "spec.\(direction.field)[\(index)]" }
    func peerPath(_ peer: Int) -> String { "\(path).\(direction.peerField)[\(peer)]" }
    func portPath(_ port: Int) -> String { "\(path).ports[\(port)]" }

    func violation(_ message: String, path: String? = nil) -> Violation {
        Violation(message: message, object: policy.ref, fieldPath: path ?? self.path, source: policy.source,
                  excerpt: "\(direction.field):    # \(self.path)\n" + PolicyExcerpt.rule(rule, direction))
    }
}

extension CheckContext {
    /// Policies in scope, in stable order.
    var policies: [NetworkPolicy] {
        let inScope = Set(namespaces)
        return cluster.policies.filter { inScope.contains($0.namespace) }
    }

    func rules(_ policy: NetworkPolicy, _ direction: Direction) -> [LocatedRule] {
        policy.rules(direction).enumerated().map { LocatedRule(policy: policy, direction: direction, index: $0, rule: $1) }
    }

    /// Rules that take effect (their direction is in policyTypes), both directions.
    func effectiveRules(_ policy: NetworkPolicy) -> [LocatedRule] {
        Direction.allCases.flatMap { policy.affects($0) ? rules(policy, $0) : [] }
    }

    /// Pods the policy selects (templates included, so workloads scaled to zero count).
    func selectedPods(_ policy: NetworkPolicy) -> [Pod] {
        cluster.pods(in: policy.namespace).filter { !engine.isHostNetworked($0) && policy.selects($0) }
    }

    /// Pods a peer of a rule in `policy` selects, anywhere in the cluster.
    func pods(matching peer: PolicyPeer, in policy: NetworkPolicy) -> [Pod] {
        cluster.pods.filter { engine.peerMatches(peer, in: policy, .pod($0)) }
    }
}

extension Subject {
    static func policy(_ p: NetworkPolicy) -> Subject { Subject(kind: .policy, namespace: p.namespace, name: "NetworkPolicy/\(p.name)") }
}

extension LabelSelector {
    /// True when the selector matches every namespace that exists or could exist: empty, or
    /// requiring only the `kubernetes.io/metadata.name` label that every namespace carries.
    var selectsEveryNamespace: Bool {
        matchLabels.isEmpty && matchExpressions.allSatisfy { $0.key == "kubernetes.io/metadata.name" && $0.op == .exists }
    }
}

enum PolicyKinds {
    /// Policies of other tiers and engines that can protect a namespace or workload: when one
    /// of them cannot be read, coverage results are indeterminate.
    static let otherEngines = ["AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy", "CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy",
                               "GlobalNetworkPolicy"]
}
