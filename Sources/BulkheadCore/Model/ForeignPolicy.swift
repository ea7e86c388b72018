/// A policy of another engine (Cilium, Calico) whose rules Bulkhead does not model, but whose
/// selection it does: a pod it selects for a direction is isolated (default deny) there, so it
/// is protected, and what reaches it is unknown to the connectivity map.
public struct ForeignPolicy: Sendable, Hashable {
    public enum Engine: String, Sendable, Hashable { case cilium = "Cilium", calico = "Calico" }

    /// A selection rule over a pod's labels and namespace, in the engine's own terms.
    public indirect enum Selector: Sendable, Hashable {
        case all
        case none
        case label(String, LabelSelector.Operator, [String])
        /// The pod's namespace name is (not) one of these.
        case namespaceName(LabelSelector.Operator, [String])
        /// A label of the pod's namespace.
        case namespaceLabel(String, LabelSelector.Operator, [String])
        case and([Selector])
        case or([Selector])
        case not(Selector)

        public func matches(_ pod: Pod, namespaceLabels: [String: String]) -> Bool {
            func test(_ value: String?, _ op: LabelSelector.Operator, _ values: [String]) -> Bool {
                LabelSelector.Requirement(key: "k", op: op, values: values).matches(value.map { ["k": $0] } ?? [:])
            }
            switch self {
            case .all: return true
            case .none: return false
            case let .label(key, op, values): return test(pod.labels[key], op, values)
            case let .namespaceName(op, values): return test(pod.namespace, op, values)
            case let .namespaceLabel(key, op, values): return test(namespaceLabels[key], op, values)
            case let .and(parts): return parts.allSatisfy { $0.matches(pod, namespaceLabels: namespaceLabels) }
            case let .or(parts): return parts.contains { $0.matches(pod, namespaceLabels: namespaceLabels) }
            case let .not(inner): return !inner.matches(pod, namespaceLabels: namespaceLabels)
            }
        }
    }

    public var engine: Engine
    public var kind: String
    /// nil for cluster-wide policies.
    public var namespace: String?
    public var name: String
    public var selector: Selector
    /// The directions in which selected pods are isolated (default deny).
    public var isolates: Set<Direction>
    public var source: SourceLocation

    public init(engine: Engine, kind: String, namespace: String?, name: String, selector: Selector, isolates: Set<Direction>,
                source: SourceLocation = .unknown) {
        self.engine = engine
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.selector = selector
        self.isolates = isolates
        self.source = source
    }

    public func selects(_ pod: Pod, namespaceLabels: [String: String]) -> Bool {
        if pod.hostNetwork { return false }
        if let namespace, pod.namespace != namespace { return false }
        return selector.matches(pod, namespaceLabels: namespaceLabels)
    }

    public var ref: ObjectRef { ObjectRef(kind: kind, namespace: namespace, name: name) }
}
