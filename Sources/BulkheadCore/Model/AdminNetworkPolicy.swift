/// AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), and
/// ClusterNetworkPolicy (v1alpha2, tiers Admin and Baseline): cluster-scoped policies that
/// rank above (Admin) or below (Baseline) NetworkPolicies. Semantics notes §5.
public struct AdminPolicy: Sendable, Hashable {
    public enum Tier: String, Sendable, Hashable { case admin = "Admin", baseline = "Baseline" }
    public enum Action: String, Sendable, Hashable { case allow = "Allow", deny = "Deny", pass = "Pass" }

    public enum Subject: Sendable, Hashable {
        case namespaces(LabelSelector)
        case pods(namespaceSelector: LabelSelector, podSelector: LabelSelector)
    }

    public enum Peer: Sendable, Hashable {
        case namespaces(LabelSelector)
        case pods(namespaceSelector: LabelSelector, podSelector: LabelSelector)
        case networks([CIDR])
        /// Node addresses are not known to a static scan: such a peer matches nothing here.
        case nodes(LabelSelector)
    }

    public enum Port: Sendable, Hashable {
        case number(L4Protocol, Int)
        case range(L4Protocol, Int, Int)
        /// Resolved on the destination pod, whatever the container port's protocol.
        case named(String)
    }

    public struct Rule: Sendable, Hashable {
        public var name: String
        public var action: Action
        public var peers: [Peer]
        /// nil: every port of every protocol.
        public var ports: [Port]?

        public init(name: String, action: Action, peers: [Peer], ports: [Port]?) {
            self.name = name
            self.action = action
            self.peers = peers
            self.ports = ports
        }
    }

    public var kind: String
    public var name: String
    public var tier: Tier
    /// Lower first; baseline policies have none.
    public var priority: Int
    public var subject: Subject
    public var ingress: [Rule]
    public var egress: [Rule]
    public var source: SourceLocation

    public init(kind: String, name: String, tier: Tier, priority: Int, subject: Subject, ingress: [Rule], egress: [Rule],
                source: SourceLocation = .unknown) {
        self.kind = kind
        self.name = name
        self.tier = tier
        self.priority = priority
        self.subject = subject
        self.ingress = ingress
        self.egress = egress
        self.source = source
    }

    public func rules(_ direction: Direction) -> [Rule] { direction == .ingress ? ingress : egress }
    public var ref: ObjectRef { ObjectRef(kind: kind, namespace: nil, name: name) }
}
