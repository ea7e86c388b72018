public enum Direction: String, Sendable, Hashable, Codable, CaseIterable {
    case ingress = "Ingress"
    case egress = "Egress"

    /// The spec field that holds this direction's rules.
    public var field: String { self == .ingress ? "ingress" : "egress" }
    /// The rule field that holds the peers.
    public var peerField: String { self == .ingress ? "from" : "to" }
}

public struct IPBlock: Sendable, Hashable {
    public var cidr: CIDR
    public var except: [CIDR]

    public init(cidr: CIDR, except: [CIDR] = []) {
        self.cidr = cidr
        self.except = except
    }

    /// The addresses this peer matches: the block minus its holes (holes only apply to this peer).
    public var addresses: IPSet {
        var holes = IPSet()
        for hole in except { holes.insert(hole) }
        return IPSet(cidr).subtracting(holes)
    }
}

public enum PolicyPeer: Sendable, Hashable {
    /// At least one selector is present. An absent namespaceSelector means the policy's own
    /// namespace; an absent podSelector (with a namespaceSelector) means every pod there.
    case pods(namespaceSelector: LabelSelector?, podSelector: LabelSelector?)
    case ipBlock(IPBlock)
}

public enum PortSpec: Sendable, Hashable, CustomStringConvertible {
    case number(Int)
    case named(String)

    public var description: String {
        switch self {
        case let .number(n): return "\(n)"
        case let .named(name): return name
        }
    }
}

public struct PolicyPort: Sendable, Hashable {
    /// Already defaulted: TCP when the manifest names no protocol.
    public var proto: L4Protocol
    /// nil: every port of the protocol.
    public var port: PortSpec?
    public var endPort: Int?

    public init(proto: L4Protocol = .tcp, port: PortSpec? = nil, endPort: Int? = nil) {
        self.proto = proto
        self.port = port
        self.endPort = endPort
    }
}

public struct PolicyRule: Sendable, Hashable {
    /// nil when `from`/`to` is absent or empty: every pod in every namespace and every address.
    public var peers: [PolicyPeer]?
    /// Empty when `ports` is absent or empty: every port of every protocol.
    public var ports: [PolicyPort]

    public init(peers: [PolicyPeer]? = nil, ports: [PolicyPort] = []) {
        self.peers = peers
        self.ports = ports
    }

    public var allowsAllPeers: Bool { peers == nil }
    public var allowsAllPorts: Bool { ports.isEmpty }
}

public struct NetworkPolicy: Sendable, Hashable {
    public var namespace: String
    public var name: String
    public var podSelector: LabelSelector
    /// `spec.policyTypes` as written; nil when absent.
    public var declaredPolicyTypes: [Direction]?
    public var ingress: [PolicyRule]
    public var egress: [PolicyRule]
    public var annotations: [String: String]
    public var source: SourceLocation

    public init(namespace: String, name: String, podSelector: LabelSelector = .everything,
                declaredPolicyTypes: [Direction]? = nil, ingress: [PolicyRule] = [], egress: [PolicyRule] = [],
                annotations: [String: String] = [:], source: SourceLocation = .unknown) {
        self.namespace = namespace
        self.name = name
        self.podSelector = podSelector
        self.declaredPolicyTypes = declaredPolicyTypes
        self.ingress = ingress
        self.egress = egress
        self.annotations = annotations
        self.source = source
    }

    /// The apiserver's defaulting: absent or empty policyTypes means Ingress, plus Egress
    /// only when the egress list is non-empty (pitfalls 1–3).
    public var policyTypes: Set<Direction> {
        if let declared = declaredPolicyTypes, !declared.isEmpty { return Set(declared) }
        return egress.isEmpty ? [.ingress] : [.ingress, .egress]
    }

    public func affects(_ direction: Direction) -> Bool {
        if let declared = declaredPolicyTypes, !declared.isEmpty { return declared.contains(direction) }
        return direction == .ingress || !egress.isEmpty
    }

    public func rules(_ direction: Direction) -> [PolicyRule] { direction == .ingress ? ingress : egress }

    /// The rules that take effect: rules of a direction missing from policyTypes are ignored.
    public func effectiveRules(_ direction: Direction) -> [PolicyRule] { affects(direction) ? rules(direction) : [] }

    public var ref: ObjectRef { ObjectRef(kind: "NetworkPolicy", namespace: namespace, name: name) }

    public func selects(_ pod: Pod) -> Bool { pod.namespace == namespace && podSelector.matches(pod.labels) }
}
