import BulkheadCore

/// Runs checks over a cluster state. A result whose subject depends on a kind that could not
/// be read is indeterminate, never a pass or a fail.
public struct CheckRunner: Sendable {
    public var checks: [any Check]

    public init(checks: [any Check] = Catalogue.all) {
        self.checks = checks
    }

    public func run(_ context: CheckContext) -> [CheckResult] {
        var results: [CheckResult] = []
        for check in checks {
            for var result in check.evaluate(context) {
                if let blocker = blocker(for: check.metadata, namespace: result.subject.namespace ?? namespaceOf(result.subject),
                                         in: context.cluster) {
                    result.status = .indeterminate
                    result.message = "Could not be evaluated: \(blocker.kind == "*" ? "a document" : blocker.kind) could not be read (\(blocker.reason))"
                    result.violations = []
                }
                results.append(result)
            }
        }
        return results.sorted()
    }

    func namespaceOf(_ subject: Subject) -> String? { subject.kind == .namespace ? subject.name : nil }

    func blocker(for metadata: CheckMetadata, namespace: String?, in cluster: ClusterState) -> UnreadableKind? {
        cluster.unreadable.first { unreadable in
            (unreadable.kind == "*" || metadata.needs.contains(unreadable.kind))
                && (unreadable.namespace == nil || namespace == nil || unreadable.namespace == namespace)
        }
    }
}
