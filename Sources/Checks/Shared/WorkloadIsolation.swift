import BulkheadCore

/// Whether every pod of each workload is isolated in one direction, computed by the engine.
enum WorkloadIsolation {
    static func evaluate(_ check: some Check, _ direction: Direction, _ context: CheckContext) -> [CheckResult] {
        let word = direction.rawValue.lowercased()
        return context.workloads.map { w in
            if w.pods.allSatisfy({ context.engine.isHostNetworked($0) }) {
                return check.result(w.subject, .notApplicable, "\(w.ref) uses the host network; NetworkPolicy does not select it (see NP-0018)")
            }
            let protections = w.pods.filter { !context.engine.isHostNetworked($0) }.map { context.engine.protection($0, direction) }
            let open = protections.filter { !$0.isProtected }.count
            let isolating = Set(protections.flatMap(\.refs)).sorted()
            if open == 0 {
                let foreignNote = protections.contains(where: \.onlyForeign) ? " (its rules are not modelled: what it allows is not checked)" : ""
                return check.result(w.subject, .pass, "\(w.ref) is isolated for \(word) by \(isolating.map { "\($0.kind) \($0.name)" }.joined(separator: ", "))\(foreignNote)",
                                    evidence: isolating)
            }
            let selecting = Set(w.pods.flatMap { context.engine.policiesSelecting($0) }.map(\.ref)).sorted()
            var message = "No NetworkPolicy isolates \(w.ref) for \(word): it \(direction == .ingress ? "accepts connections from" : "may connect to") anything"
            if !selecting.isEmpty {
                message += "; \(selecting.map(\.name).joined(separator: ", ")) select\(selecting.count == 1 ? "s" : "") it without \(direction.rawValue) in policyTypes"
            }
            if open < w.pods.count { message += " (\(open) of its \(w.pods.count) pods)" }
            return check.result(w.subject, .fail, message,
                                violations: [Violation(message: "not selected by any policy with \(direction.rawValue) in policyTypes",
                                                       object: w.object, source: w.source, related: selecting)],
                                remediation: RemediationYAML.defaultDeny(namespace: w.ref.namespace, directions: [direction]))
        }
    }
}
