import BulkheadCore
import Dispatch
import Synchronization

/// Runs checks over a cluster state. A result whose subject depends on a kind that could not
/// be read is indeterminate, never a pass or a fail.
public struct CheckRunner: Sendable {
    public var checks: [any Check]

    public init(checks: [any Check] = Catalogue.all) {
        self.checks = checks
    }

    /// Checks run side by side (they share only the context, which is immutable or locked);
    /// results come back in check-ID and subject order whatever the interleaving.
    public func run(_ context: CheckContext) -> [CheckResult] {
        let perCheck = Mutex<[[CheckResult]]>(Array(repeating: [], count: checks.count))
        DispatchQueue.concurrentPerform(iterations: checks.count) { index in
            let results = evaluate(checks[index], context).sorted { $0.subject < $1.subject }
            perCheck.withLock { $0[index] = results }
        }
        let byID = perCheck.withLock { all in zip(checks, all).sorted { $0.0.metadata.id < $1.0.metadata.id }.map(\.1) }
        return byID.flatMap { $0 }
    }

    func evaluate(_ check: any Check, _ context: CheckContext) -> [CheckResult] {
        var results = check.evaluate(context)
        for i in results.indices {
            let subject = results[i].subject
            if let blocker = blocker(for: check.metadata, namespace: subject.namespace ?? namespaceOf(subject), in: context.cluster) {
                results[i].status = .indeterminate
                results[i].message = "Could not be evaluated: \(blocker.kind == "*" ? "a document" : blocker.kind) could not be read (\(blocker.reason))"
                results[i].violations = []
            }
        }
        return results
    }

    func namespaceOf(_ subject: Subject) -> String? { subject.kind == .namespace ? subject.name : nil }

    func blocker(for metadata: CheckMetadata, namespace: String?, in cluster: ClusterState) -> UnreadableKind? {
        cluster.unreadable.first { unreadable in
            (unreadable.kind == "*" || metadata.needs.contains(unreadable.kind))
                && (unreadable.namespace == nil || namespace == nil || unreadable.namespace == namespace)
        }
    }
}
