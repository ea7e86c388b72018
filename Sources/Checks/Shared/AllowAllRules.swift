import BulkheadCore

/// Rules that allow every peer on every port and protocol, in policies that take effect.
enum AllowAllRules {
    static func evaluate(_ check: some Check, _ direction: Direction, _ context: CheckContext) -> [CheckResult] {
        let word = direction.rawValue.lowercased()
        return context.policies.map { policy in
            let subject = Subject.policy(policy)
            guard policy.affects(direction) else {
                return check.result(subject, .notApplicable, "\(policy.name) does not govern \(word)")
            }
            let violations = context.rules(policy, direction).filter { $0.rule.allowsAllPeers && $0.rule.allowsAllPorts }.map {
                $0.violation("rule allows \(word) \(direction == .ingress ? "from" : "to") every pod and every address on every port")
            }
            return check.verdict(subject, violations,
                                 pass: "\(policy.name) has no rule that allows all \(word)",
                                 fail: "\(policy.name) allows all \(word) for the \(Set(context.selectedPods(policy).map(\.owner)).count) workload(s) it selects, which undoes any isolation")
        }
    }
}
