/// The project's `.bulkhead.yaml`: scope, checks, waivers, intent assertions and the exit
/// threshold. Loaded strictly (unknown keys are errors) by the Scanner's ConfigLoader.
public struct Configuration: Sendable, Equatable {
    public struct ScopeConfig: Sendable, Equatable {
        /// Names or globs (`team-*`); empty means every namespace.
        public var includeNamespaces: [String] = []
        public var excludeNamespaces: [String] = []
        /// Namespaces must also match this label selector.
        public var namespaceSelector: LabelSelector?
        public var systemNamespaces: [String] = ["kube-node-lease", "kube-public", "kube-system"]
        public var includeSystemNamespaces = false

        public init() {}
    }

    public struct Waiver: Sendable, Equatable {
        public var id: String
        /// A check ID or `*`.
        public var check: String
        public var namespace: String?
        /// `Kind/name` of the subject or of an object a violation names; nil: the whole namespace.
        public var object: String?
        public var reason: String
        public var owner: String?
        /// `YYYY-MM-DD`, inclusive: the waiver holds through that day (UTC).
        public var expires: String
        /// Where it was declared: the config file, or an annotation on an object.
        public var source: String

        public init(id: String, check: String, namespace: String?, object: String?, reason: String, owner: String?, expires: String, source: String) {
            self.id = id
            self.check = check
            self.namespace = namespace
            self.object = object
            self.reason = reason
            self.owner = owner
            self.expires = expires
            self.source = source
        }
    }

    /// A set of pods: a namespace (name or selector) and pod labels.
    public struct PodSet: Sendable, Equatable, CustomStringConvertible {
        public var namespace: String?
        public var namespaceSelector: LabelSelector?
        public var labels: LabelSelector

        public init(namespace: String? = nil, namespaceSelector: LabelSelector? = nil, labels: LabelSelector = .everything) {
            self.namespace = namespace
            self.namespaceSelector = namespaceSelector
            self.labels = labels
        }

        public func contains(_ pod: Pod, namespaceLabels: [String: String]) -> Bool {
            if let namespace, pod.namespace != namespace { return false }
            if let namespaceSelector, !namespaceSelector.matches(namespaceLabels) { return false }
            return labels.matches(pod.labels)
        }

        public var description: String {
            let ns = namespace ?? namespaceSelector.map { "namespaces \($0.description)" } ?? "any namespace"
            return labels.isEmpty ? "\(ns)" : "\(ns) pods \(labels.description)"
        }
    }

    public struct Expectation: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable {
            /// Every pod of `from` can reach every pod of `to` on the port.
            case allowed
            /// No pod of `from` can reach any pod of `to` on the port.
            case denied
            /// Only pods of `from` can reach `to` on the port: everything else is denied.
            case onlyFrom
        }

        public var name: String
        public var kind: Kind
        public var from: [PodSet]
        public var to: PodSet
        public var port: Int?
        public var proto: L4Protocol

        public init(name: String, kind: Kind, from: [PodSet], to: PodSet, port: Int?, proto: L4Protocol) {
            self.name = name
            self.kind = kind
            self.from = from
            self.to = to
            self.port = port
            self.proto = proto
        }
    }

    public struct Zone: Sendable, Equatable {
        public var name: String
        public var namespaces: [String]
        /// Zones whose pods may reach this zone.
        public var allowedFrom: [String]
        /// Zones this zone's pods may reach; `external` names addresses outside the cluster.
        public var allowedTo: [String]

        public init(name: String, namespaces: [String], allowedFrom: [String], allowedTo: [String]) {
            self.name = name
            self.namespaces = namespaces
            self.allowedFrom = allowedFrom
            self.allowedTo = allowedTo
        }
    }

    public var path: String?
    public var scope = ScopeConfig()
    /// Only these checks run (IDs or slugs); empty means all.
    public var enabledChecks: [String] = []
    public var disabledChecks: [String] = []
    public var severityOverrides: [String: Severity] = [:]
    /// Per-check options, validated against the options each check declares.
    public var checkOptions: [String: [String: Value]] = [:]
    public var waivers: [Waiver] = []
    public var annotationWaivers = true
    public var expectations: [Expectation] = []
    public var zones: [Zone] = []
    public var failOn: Severity = .high

    public init() {}
}

extension Configuration.ScopeConfig {
    /// Shell-style globs: `*` any run, `?` one character.
    public static func glob(_ pattern: String, matches name: String) -> Bool {
        let p = Array(pattern), n = Array(name)
        var memo: [Int: Bool] = [:]
        func match(_ i: Int, _ j: Int) -> Bool {
            let key = i * (n.count + 1) + j
            if let m = memo[key] { return m }
            let result: Bool
            if i == p.count { result = j == n.count }
            else if p[i] == "*" { result = match(i + 1, j) || (j < n.count && match(i, j + 1)) }
            else { result = j < n.count && (p[i] == "?" || p[i] == n[j]) && match(i + 1, j + 1) }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }
}

/// Waiver expiry dates: `YYYY-MM-DD`, compared as text against the scan's date (UTC).
public enum WaiverDates {
    public static func isValid(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        return y > 1970 && (1...12).contains(m) && (1...31).contains(d)
    }
}
