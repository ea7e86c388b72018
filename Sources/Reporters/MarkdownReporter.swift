import BulkheadCore

/// The report for people: a summary, scope and model, then findings per namespace with the
/// YAML that fixes them. GitHub-flavoured Markdown.
public enum MarkdownReporter {
    public static func render(_ report: Report) -> String {
        var out: [String] = []
        let s = report.summary
        out.append("# Bulkhead NetworkPolicy report")
        out.append("")
        out.append("Scanned \(report.scan.inputKind) (\(report.scan.inputs.joined(separator: ", "))) with \(report.tool.name) \(report.tool.version), \(report.scan.startedAt).")
        out.append("")
        if report.isIncomplete {
            out.append("> **Incomplete scan.** Some input could not be read; results that depend on it are *indeterminate*, not passed. See [What could not be read](#what-could-not-be-read).")
            out.append("")
        }
        out.append("## Summary")
        out.append("")
        out.append("| Check | Title | Severity | Passed | Failed | Indeterminate | Not applicable |")
        out.append("|-------|-------|----------|-------:|-------:|--------------:|---------------:|")
        let byCheck = Dictionary(grouping: report.results, by: \.checkID)
        for check in report.checks {
            let c = Summary(byCheck[check.id] ?? [])
            out.append("| \(check.id) | \(MarkdownText.cell(check.title)) | \(check.severity.rawValue) | \(c.passed) | \(c.failed) | \(c.indeterminate) | \(c.notApplicable) |")
        }
        out.append("| **Total** | | | **\(s.passed)** | **\(s.failed)** | **\(s.indeterminate)** | **\(s.notApplicable)** |")
        out.append("")

        out += scopeSection(report)
        out += findingsSection(report, byCheck: byCheck)
        out += diagnosticsSection(report)

        out.append("## Model")
        out.append("")
        out.append("Static analysis of the declared policies, in the converged steady state. The choices Kubernetes leaves to the network plugin were made as follows:")
        out.append("")
        for statement in report.scan.modelStatements { out.append("- \(statement)") }
        out.append("")
        return out.joined(separator: "\n")
    }

    static func scopeSection(_ report: Report) -> [String] {
        var out = ["## Scope", ""]
        let p = report.population
        out.append("| Namespaces | Pods (incl. workload templates) | Workloads | Services | NetworkPolicies |")
        out.append("|-----------:|------:|----------:|---------:|----------------:|")
        out.append("| \(p.namespaces) | \(p.pods) | \(p.workloads) | \(p.services) | \(p.networkPolicies) |")
        out.append("")
        out.append("In scope: \(report.scope.namespaces.isEmpty ? "no namespace" : report.scope.namespaces.map { "`\($0)`" }.joined(separator: ", ")).")
        out.append("")
        if !report.scope.excluded.isEmpty {
            out.append("Excluded:")
            out.append("")
            for e in report.scope.excluded { out.append("- `\(e.name)`: \(e.reason)") }
            out.append("")
        }
        if !report.scope.implied.isEmpty {
            out.append("Namespaces not declared in the input (created because objects reference them): \(report.scope.implied.map { "`\($0)`" }.joined(separator: ", ")).")
            out.append("")
        }
        if !p.ignoredKinds.isEmpty {
            let kinds = p.ignoredKinds.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            out.append("Other objects read and not modelled: \(kinds).")
            out.append("")
        }
        return out
    }

    static func findingsSection(_ report: Report, byCheck: [String: [CheckResult]]) -> [String] {
        var out = ["## Findings by namespace", ""]
        let failing = report.results.filter { $0.status == .fail || $0.status == .indeterminate }
        if failing.isEmpty {
            out += ["No failing or indeterminate results.", ""]
            return out
        }
        let byNamespace = Dictionary(grouping: failing) { $0.subject.namespace ?? ($0.subject.kind == .namespace ? $0.subject.name : "(cluster)") }
        for ns in byNamespace.keys.sorted() {
            out.append("### Namespace `\(ns)`")
            out.append("")
            for result in byNamespace[ns]! {
                let check = report.check(result.checkID)
                let label = result.status == .fail ? "FAIL" : "INDETERMINATE"
                out.append("#### \(label) \(result.checkID) \(check?.title ?? "") (\(report.severity(of: result).rawValue))")
                out.append("")
                out.append(result.message)
                out.append("")
                for v in result.violations {
                    var line = "- \(v.message)"
                    if let object = v.object { line += " — `\(object)`" }
                    if let path = v.fieldPath { line += " `\(path)`" }
                    if let source = v.source, !source.file.isEmpty { line += " (\(source))" }
                    out.append(line)
                }
                if !result.violations.isEmpty { out.append("") }
                if let remediation = result.remediation {
                    out.append("Remediation:")
                    out.append("")
                    out.append("```yaml")
                    out.append(remediation.hasSuffix("\n") ? String(remediation.dropLast()) : remediation)
                    out.append("```")
                    out.append("")
                }
            }
        }
        return out
    }

    static func diagnosticsSection(_ report: Report) -> [String] {
        var out: [String] = []
        if !report.unreadable.isEmpty {
            out += ["## What could not be read", ""]
            for u in report.unreadable {
                out.append("- \(u.kind == "*" ? "a document" : u.kind)\(u.namespace.map { " in `\($0)`" } ?? ""): \(u.reason)")
            }
            out.append("")
        }
        let notes = report.diagnostics.filter { $0.severity != .error }
        if !notes.isEmpty {
            out += ["## Notes on the input", ""]
            for d in notes { out.append("- \(d.severity.rawValue): \(d.message)") }
            out.append("")
        }
        return out
    }
}
