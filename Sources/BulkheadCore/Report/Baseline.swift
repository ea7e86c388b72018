/// Compares a report with a previous one by result fingerprint: which failures are new,
/// which are unchanged, and which are resolved.
public enum Baseline {
    public static func compare(_ report: Report, with previous: Report) -> Report {
        var report = report
        let failing: (CheckResult) -> Bool = { $0.status == .fail || $0.status == .waived }
        let before = Set(previous.results.filter(failing).map(\.fingerprint))
        var new = 0, unchanged = 0
        for i in report.results.indices where failing(report.results[i]) {
            if before.contains(report.results[i].fingerprint) {
                report.results[i].trend = "unchanged"
                unchanged += 1
            } else {
                report.results[i].trend = "new"
                new += 1
            }
        }
        let now = Set(report.results.filter(failing).map(\.fingerprint))
        let resolved = previous.results.filter { failing($0) && !now.contains($0.fingerprint) }.map {
            BaselineComparison.Resolved(checkID: $0.checkID, subject: $0.subject, fingerprint: $0.fingerprint, message: $0.message)
        }
        report.baseline = BaselineComparison(previousScanID: previous.scan.id, previousStartedAt: previous.scan.startedAt,
                                             new: new, unchanged: unchanged, resolved: resolved)
        return report
    }
}

extension Report {
    /// Failing results at or above the threshold (only new ones when `onlyNew`).
    public func failing(atOrAbove threshold: Severity, onlyNew: Bool = false) -> [CheckResult] {
        results.filter { $0.status == .fail && severity(of: $0) >= threshold && (!onlyNew || $0.trend == "new") }
    }
}
