import BulkheadCore

/// Whether every pod of each workload is isolated in one direction, computed by the engine.
enum WorkloadIsolation {
    static func evaluate(_ check: some Check, _ direction: Direction, _ context: CheckContext) -> [CheckResult] {
        let word = direction.rawValue.lowercased()
        return context.workloads.map { w in
            if w.pods.allSatisfy({ context.engine.isHostNetworked($0) }) {
                return check.result(w.subject, .notApplicable, "\(w.ref) uses the host network; NetworkPolicy does not select it (see NP-0018)")
            }
            let open = w.pods.filter { !context.engine.isHostNetworked($0) && !context.engine.isIsolated($0, direction) }
            let isolating = Set(w.pods.flatMap { context.engine.policies(selecting: $0, direction) }.map(\.ref)).sorted()
            if open.isEmpty {
                return check.result(w.subject, .pass, "\(w.ref) is isolated for \(word) by \(isolating.map(\.name).joined(separator: ", "))",
                                    evidence: isolating)
            }
            let selecting = Set(open.flatMap { context.engine.policiesSelecting($0) }.map(\.ref)).sorted()
            var message = "No NetworkPolicy isolates \(w.ref) for \(word): it \(direction == .ingress ? "accepts connections from" : "may connect to") anything"
            if !selecting.isEmpty {
                message += "; \(selecting.map(\.name).joined(separator: ", ")) select\(selecting.count == 1 ? "s" : "") it without \(direction.rawValue) in policyTypes"
            }
            if open.count < w.pods.count { message += " (\(open.count) of its \(w.pods.count) pods)" }
            return check.result(w.subject, .fail, message,
                                violations: [Violation(message: "not selected by any policy with \(direction.rawValue) in policyTypes",
                                                       object: w.object, source: w.source, related: selecting)],
                                remediation: RemediationYAML.defaultDeny(namespace: w.ref.namespace, directions: [direction]))
        }
    }
}
