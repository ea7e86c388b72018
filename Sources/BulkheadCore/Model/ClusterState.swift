/// Something the loader or the API said about the input that the reports must carry.
public struct Diagnostic: Sendable, Hashable, Codable, Comparable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case error, warning, info
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
        var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    }

    public var severity: Severity
    public var message: String
    public var source: SourceLocation?
    public var object: ObjectRef?

    public init(_ severity: Severity, _ message: String, source: SourceLocation? = nil, object: ObjectRef? = nil) {
        self.severity = severity
        self.message = message
        self.source = source
        self.object = object
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.severity, a.source ?? .unknown, a.message) < (b.severity, b.source ?? .unknown, b.message)
    }
}

/// A kind that could not be read (RBAC, API error, parse error): every result that needs it
/// is indeterminate, never a pass.
public struct UnreadableKind: Sendable, Hashable, Codable, Comparable {
    public var kind: String
    public var namespace: String?
    public var reason: String

    public init(kind: String, namespace: String? = nil, reason: String) {
        self.kind = kind
        self.namespace = namespace
        self.reason = reason
    }

    public static func < (a: UnreadableKind, b: UnreadableKind) -> Bool {
        (a.kind, a.namespace ?? "", a.reason) < (b.kind, b.namespace ?? "", b.reason)
    }
}

/// A pod that is not an endpoint of the connectivity model, and why.
public struct ExcludedPod: Sendable, Hashable, Codable, Comparable {
    public var namespace: String
    public var name: String
    public var reason: String

    public static func < (a: ExcludedPod, b: ExcludedPod) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
}

public enum InputSource: String, Sendable, Codable {
    case manifests, demo, snapshot, live
}

/// Everything the checks and the engine see: one immutable value, sorted stably.
public struct ClusterState: Sendable {
    public var namespaces: [String: Namespace]
    /// Endpoints: pods that were read and are live, plus one pod per workload template without read pods.
    public var pods: [Pod] { didSet { podsByNamespace = ClusterState.index(pods, \.namespace) } }
    public var workloads: [Workload]
    public var services: [Service]
    public var policies: [NetworkPolicy] { didSet { policiesByNamespace = ClusterState.index(policies, \.namespace) } }
    /// Per namespace, positions in `pods` and `policies`: checks ask per namespace, and a scan over
    /// every pod for every namespace would be quadratic on large clusters.
    private var podsByNamespace: [String: [Int]] = [:]
    private var policiesByNamespace: [String: [Int]] = [:]

    static func index<T>(_ items: [T], _ key: (T) -> String) -> [String: [Int]] {
        var index: [String: [Int]] = [:]
        for (i, item) in items.enumerated() { index[key(item), default: []].append(i) }
        return index
    }
    /// AdminNetworkPolicies and BaselineAdminNetworkPolicies, in evaluation order.
    public var adminPolicies: [AdminPolicy]
    /// Cilium and Calico policies: their selection is modelled, their rules are not.
    public var foreignPolicies: [ForeignPolicy] = []
    /// Where the state came from; a live cluster or snapshot lists every namespace and pod.
    public var source: InputSource = .manifests
    public var excludedPods: [ExcludedPod]
    public var diagnostics: [Diagnostic]
    public var unreadable: [UnreadableKind]
    /// Objects of kinds Bulkhead does not model, counted by kind.
    public var ignoredKinds: [String: Int]

    public init(namespaces: [String: Namespace] = [:], pods: [Pod] = [], workloads: [Workload] = [],
                services: [Service] = [], policies: [NetworkPolicy] = [], adminPolicies: [AdminPolicy] = [], excludedPods: [ExcludedPod] = [],
                diagnostics: [Diagnostic] = [], unreadable: [UnreadableKind] = [], ignoredKinds: [String: Int] = [:]) {
        self.namespaces = namespaces
        self.pods = pods
        self.workloads = workloads
        self.services = services
        self.policies = policies
        podsByNamespace = ClusterState.index(pods, \.namespace)
        policiesByNamespace = ClusterState.index(policies, \.namespace)
        self.adminPolicies = adminPolicies
        self.excludedPods = excludedPods
        self.diagnostics = diagnostics
        self.unreadable = unreadable
        self.ignoredKinds = ignoredKinds
    }

    public var sortedNamespaceNames: [String] { namespaces.keys.sorted() }

    public func namespaceLabels(_ name: String) -> [String: String] {
        namespaces[name]?.labels ?? ["kubernetes.io/metadata.name": name]
    }

    public func policies(in namespace: String) -> [NetworkPolicy] { (policiesByNamespace[namespace] ?? []).map { policies[$0] } }
    public func pods(in namespace: String) -> [Pod] { (podsByNamespace[namespace] ?? []).map { pods[$0] } }
    public func hasPods(in namespace: String) -> Bool { podsByNamespace[namespace] != nil }

    /// True when this kind (optionally in this namespace) could not be read.
    public func isUnreadable(_ kind: String, namespace: String? = nil) -> Bool {
        unreadable.contains { $0.kind == kind && ($0.namespace == nil || $0.namespace == namespace) }
    }
}
