public struct Namespace: Sendable, Hashable {
    public var name: String
    /// Includes `kubernetes.io/metadata.name`, which the apiserver sets on every namespace.
    public var labels: [String: String]
    public var annotations: [String: String]
    public var uid: String?
    /// False when no Namespace object was read and the namespace is implied by objects in it.
    public var declared: Bool
    public var source: SourceLocation

    public init(name: String, labels: [String: String] = [:], annotations: [String: String] = [:], uid: String? = nil,
                declared: Bool = true, source: SourceLocation = .unknown) {
        self.name = name
        var labels = labels
        labels["kubernetes.io/metadata.name"] = name
        self.labels = labels
        self.annotations = annotations
        self.uid = uid
        self.declared = declared
        self.source = source
    }
}

public struct ContainerPort: Sendable, Hashable {
    public var name: String?
    public var number: Int
    public var proto: L4Protocol

    public init(name: String?, number: Int, proto: L4Protocol = .tcp) {
        self.name = name
        self.number = number
        self.proto = proto
    }
}

/// The workload a pod belongs to; a bare pod is its own workload (kind `Pod`).
public struct WorkloadRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var namespace: String
    public var name: String
    public var kind: String

    public init(namespace: String, name: String, kind: String) {
        self.namespace = namespace
        self.name = name
        self.kind = kind
    }

    /// The corpus form: `ns/name[Kind]`.
    public var description: String { "\(namespace)/\(name)[\(kind)]" }

    public static func < (a: WorkloadRef, b: WorkloadRef) -> Bool { a.description < b.description }

    /// In `<` order, with each description built once rather than twice per comparison.
    public static func sorted<T>(_ items: [T], by ref: (T) -> WorkloadRef) -> [T] {
        let keys = items.map { ref($0).description }
        return items.indices.sorted { keys[$0] < keys[$1] }.map { items[$0] }
    }
}

/// A pod as NetworkPolicy sees it: a real pod, or the pod a workload template stands for.
public struct Pod: Sendable, Hashable {
    public var namespace: String
    public var name: String
    public var labels: [String: String]
    public var ports: [ContainerPort]
    public var ips: [IPAddress]
    public var hostNetwork: Bool
    /// `Running`, `Pending`, `Succeeded`, `Failed`; nil when read from a manifest without status.
    public var phase: String?
    public var owner: WorkloadRef
    /// True when this pod stands for a workload's template rather than a pod that was read.
    public var fromTemplate: Bool
    public var source: SourceLocation

    public init(namespace: String, name: String, labels: [String: String] = [:], ports: [ContainerPort] = [],
                ips: [IPAddress] = [], hostNetwork: Bool = false, phase: String? = nil, owner: WorkloadRef? = nil,
                fromTemplate: Bool = false, source: SourceLocation = .unknown) {
        self.namespace = namespace
        self.name = name
        self.labels = labels
        self.ports = ports
        self.ips = ips
        self.hostNetwork = hostNetwork
        self.phase = phase
        self.owner = owner ?? WorkloadRef(namespace: namespace, name: name, kind: "Pod")
        self.fromTemplate = fromTemplate
        self.source = source
    }

    /// The container port a named port resolves to on this pod, for the rule's protocol (pitfall 9, 25).
    public func resolve(namedPort name: String, proto: L4Protocol) -> Int? {
        ports.first { $0.name == name && $0.proto == proto }?.number
    }

    /// Terminal pods are not endpoints: CNIs ignore them and their IPs may be reused (pitfall 13).
    public var isTerminal: Bool { phase == "Succeeded" || phase == "Failed" }
}

/// A workload controller (Deployment, StatefulSet, …) and its pod template.
public struct Workload: Sendable, Hashable {
    public var ref: WorkloadRef
    public var templateLabels: [String: String]
    public var ports: [ContainerPort]
    public var hostNetwork: Bool
    public var replicas: Int?
    /// The controller that owns this one (a Deployment owning a ReplicaSet).
    public var owner: WorkloadRef?
    public var source: SourceLocation
    /// Container names and images (CNI detection reads them).
    public var containers: [ContainerInfo] = []

    public init(ref: WorkloadRef, templateLabels: [String: String], ports: [ContainerPort] = [], hostNetwork: Bool = false,
                replicas: Int? = nil, owner: WorkloadRef? = nil, source: SourceLocation = .unknown) {
        self.ref = ref
        self.templateLabels = templateLabels
        self.ports = ports
        self.hostNetwork = hostNetwork
        self.replicas = replicas
        self.owner = owner
        self.source = source
    }
}

public struct ContainerInfo: Sendable, Hashable {
    public var name: String
    public var image: String
    public init(name: String, image: String) {
        self.name = name
        self.image = image
    }
}

public struct ServicePort: Sendable, Hashable {
    public var name: String?
    public var port: Int
    public var proto: L4Protocol
    public var targetPort: String?
    public var nodePort: Int?

    public init(name: String? = nil, port: Int, proto: L4Protocol = .tcp, targetPort: String? = nil, nodePort: Int? = nil) {
        self.name = name
        self.port = port
        self.proto = proto
        self.targetPort = targetPort
        self.nodePort = nodePort
    }
}

public struct Service: Sendable, Hashable {
    public var namespace: String
    public var name: String
    public var type: String
    /// nil: no selector (endpoints managed by hand), which selects no pods.
    public var selector: [String: String]?
    public var ports: [ServicePort]
    public var source: SourceLocation

    public init(namespace: String, name: String, type: String = "ClusterIP", selector: [String: String]?,
                ports: [ServicePort] = [], source: SourceLocation = .unknown) {
        self.namespace = namespace
        self.name = name
        self.type = type
        self.selector = selector
        self.ports = ports
        self.source = source
    }

    public var isExternallyExposed: Bool { type == "LoadBalancer" || type == "NodePort" }

    public func selects(_ pod: Pod) -> Bool {
        guard let selector, !selector.isEmpty, pod.namespace == namespace else { return false }
        return selector.allSatisfy { pod.labels[$0.key] == $0.value }
    }
}
