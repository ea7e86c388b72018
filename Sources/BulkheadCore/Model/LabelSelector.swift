/// A Kubernetes label selector: `matchLabels` and `matchExpressions`, all ANDed.
public struct LabelSelector: Sendable, Hashable, Codable {
    public enum Operator: String, Sendable, Hashable, Codable {
        case `in` = "In"
        case notIn = "NotIn"
        case exists = "Exists"
        case doesNotExist = "DoesNotExist"
    }

    public struct Requirement: Sendable, Hashable, Codable {
        public var key: String
        public var op: Operator
        public var values: [String]

        public init(key: String, op: Operator, values: [String] = []) {
            self.key = key
            self.op = op
            self.values = values
        }

        public func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch op {
            case .in: return value.map(values.contains) ?? false
            // NotIn and DoesNotExist match objects that lack the key (pitfall 8).
            case .notIn: return value.map { !values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            }
        }
    }

    public var matchLabels: [String: String]
    public var matchExpressions: [Requirement]

    public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// `{}`: selects everything.
    public static let everything = LabelSelector()

    public var isEmpty: Bool { matchLabels.isEmpty && matchExpressions.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value { return false }
        for requirement in matchExpressions where !requirement.matches(labels) { return false }
        return true
    }

    /// kubectl's text form, e.g. `app=web,tier in (a,b),!legacy`; `{}` for the empty selector.
    public var description: String {
        if isEmpty { return "{}" }
        var parts = matchLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for r in matchExpressions {
            let values = r.values.sorted().joined(separator: ",")
            switch r.op {
            case .in: parts.append("\(r.key) in (\(values))")
            case .notIn: parts.append("\(r.key) notin (\(values))")
            case .exists: parts.append(r.key)
            case .doesNotExist: parts.append("!\(r.key)")
            }
        }
        return parts.joined(separator: ",")
    }
}
