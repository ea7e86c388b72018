import BulkheadCore

/// The report for people and auditors, in GitHub-flavoured Markdown: identity, scope and
/// population, a control table per framework, findings by namespace with the offending policy
/// excerpt and remediation, the waiver register, the manual-control checklist, the limits of
/// static analysis, and the SHA-256 of every input and output.
public enum MarkdownReporter {
    public static func render(_ report: Report, outputs: [FileDigest] = []) -> String {
        finish(body(report), report, outputs: outputs)
    }

    /// Everything but the integrity section, which lists the other reports' digests: the body
    /// can be rendered while they are.
    static func body(_ report: Report) -> String {
        var out: [String] = ["# Bulkhead NetworkPolicy compliance report", ""]
        if report.isIncomplete {
            out += ["> **Incomplete scan.** Some input could not be read; results that depend on it are *indeterminate*, never passed. See [What could not be read](#what-could-not-be-read).", ""]
        }
        if report.scan.cluster.insecureSkipTLSVerify {
            out += ["> **TLS verification was off** for this scan: the API server's identity was not verified.", ""]
        }
        out += identity(report)
        out += summary(report)
        out += trend(report)
        out += scope(report)
        out += frameworks(report)
        out += coverage(report)
        out += findings(report)
        out += waivers(report)
        out += manualChecklist(report)
        out += diagnostics(report)
        out += limits(report)
        return out.joined(separator: "\n")
    }

    static func finish(_ body: String, _ report: Report, outputs: [FileDigest]) -> String {
        let integrity = integrity(report, outputs: outputs)
        return integrity.isEmpty ? body : body + "\n" + integrity.joined(separator: "\n")
    }

    static func cell(_ s: String) -> String { MarkdownText.cell(s) }

    static func table(_ header: [String], _ rows: [[String]], align: [Bool]? = nil) -> [String] {
        var out = ["| " + header.map(cell).joined(separator: " | ") + " |"]
        out.append("|" + header.indices.map { (align?[$0] ?? false) ? "---:|" : "---|" }.joined())
        for row in rows { out.append("| " + row.map(cell).joined(separator: " | ") + " |") }
        return out + [""]
    }

    static func identity(_ report: Report) -> [String] {
        let c = report.scan.cluster
        var rows = [
            ["Tool", "\(report.tool.name) \(report.tool.version)"],
            ["Binary SHA-256", report.tool.binarySHA256 ?? "(not recorded)"],
            ["Scan ID", report.scan.id],
            ["Started", report.scan.startedAt],
            ["Finished", report.scan.finishedAt],
            ["Input", "\(report.scan.inputKind): \(report.scan.inputs.joined(separator: ", "))"],
        ]
        rows.append(["Cluster", [c.context.map { "context \($0)" }, c.server, c.clusterID.map { "kube-system UID \($0)" }].compactMap { $0 }.joined(separator: ", ").ifEmpty("(manifests: no live cluster)")])
        rows.append(["Kubernetes version", c.kubernetesVersion ?? "(unknown: not read from a cluster)"])
        rows.append(["Network plugin (CNI)", c.cni ?? "(not detected: enforcement must be verified by hand)"])
        rows.append(["Profiles", report.profiles.map { "\($0.id) (\($0.framework) \($0.frameworkVersion), mapping v\($0.mappingVersion))" }.joined(separator: "; ").ifEmpty("none")])
        return ["## Identity", ""] + table(["Field", "Value"], rows)
    }

    static func summary(_ report: Report) -> [String] {
        let s = report.summary
        var out = ["## Summary", ""]
        out.append("\(s.total) results: \(s.passed) passed, \(s.failed) failed, \(s.waived) waived, \(s.indeterminate) indeterminate, \(s.manual) manual, \(s.notApplicable) not applicable.")
        out.append("")
        let gate = report.failing(atOrAbove: report.failOn).count
        out.append("Gate: \(gate) failing result(s) at or above **\(report.failOn.rawValue)** (the exit code is 1 when there are any).")
        out.append("")
        if !report.profiles.isEmpty {
            out.append("Framework score = controls passed ÷ controls evaluated (passed or failed); manual, not-evaluated and not-applicable controls count neither way.")
            out.append("")
            let rows = report.profiles.map { p -> [String] in
                let count = { (st: ControlStatus) in "\(p.controls.count { $0.status == st })" }
                return [p.id, "\(p.framework) \(p.frameworkVersion)", count(.pass), count(.fail), count(.manual), count(.notEvaluated), count(.notApplicable), p.score.description]
            }
            out += table(["Profile", "Framework", "Pass", "Fail", "Manual", "Not evaluated", "N/A", "Score"], rows,
                         align: [false, false, true, true, true, true, true, true])
        }
        let byCheck = report.resultsByCheck()
        let rows = report.checks.map { check -> [String] in
            let c = Summary(byCheck[check.id] ?? [])
            return [check.id, check.title, check.severity.rawValue, "\(c.passed)", "\(c.failed)", "\(c.waived)", "\(c.indeterminate)", "\(c.notApplicable + c.manual)"]
        }
        out += table(["Check", "Title", "Severity", "Passed", "Failed", "Waived", "Indeterminate", "N/A or manual"], rows,
                     align: [false, false, false, true, true, true, true, true])
        return out
    }

    static func scope(_ report: Report) -> [String] {
        let p = report.population
        var out = ["## Scope and population", ""]
        out += table(["Namespaces", "Pods (incl. workload templates)", "Workloads", "Services", "NetworkPolicies"],
                     [["\(p.namespaces)", "\(p.pods)", "\(p.workloads)", "\(p.services)", "\(p.networkPolicies)"]],
                     align: [true, true, true, true, true])
        out.append("In scope (\(report.scope.namespaces.count)): \(report.scope.namespaces.isEmpty ? "no namespace" : report.scope.namespaces.map { "`\($0)`" }.joined(separator: ", ")).")
        out.append("")
        if report.scope.namespaces.isEmpty {
            out += ["> No namespace is in scope: nothing was evaluated, so no control can pass.", ""]
        }
        if !report.scope.excluded.isEmpty {
            out += ["Excluded:", ""]
            for e in report.scope.excluded { out.append("- `\(e.name)`: \(e.reason)") }
            out.append("")
        }
        if !report.scope.implied.isEmpty {
            out += ["Namespaces not declared in the input (created because objects reference them): \(report.scope.implied.map { "`\($0)`" }.joined(separator: ", ")).", ""]
        }
        if !p.ignoredKinds.isEmpty {
            out += ["Other objects read and not modelled: \(p.ignoredKinds.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")).", ""]
        }
        return out
    }

    static func frameworks(_ report: Report) -> [String] {
        guard !report.profiles.isEmpty else { return [] }
        var out = ["## Compliance by framework", ""]
        for p in report.profiles {
            out += ["### \(p.framework) \(p.frameworkVersion) (`\(p.id)`, mapping v\(p.mappingVersion))", ""]
            for (i, note) in p.notes.enumerated() { out += (i > 0 ? [">"] : []) + ["> \(note)"] }
            if !p.notes.isEmpty { out.append("") }
            out += table(["Control", "Title", "Status", "Evidence"],
                         p.controls.map { [$0.id, $0.title, statusLabel($0.status), $0.status == .manual ? "Manual: see the checklist below" : $0.evidence] })
        }
        return out
    }

    static func statusLabel(_ s: ControlStatus) -> String {
        switch s {
        case .pass: return "PASS"
        case .fail: return "FAIL"
        case .manual: return "MANUAL"
        case .notEvaluated: return "NOT EVALUATED"
        case .notApplicable: return "N/A"
        }
    }

    /// Namespace × default denies and workload isolation, from the results of NP-0001..NP-0005.
    static func coverage(_ report: Report) -> [String] {
        guard !report.scope.namespaces.isEmpty else { return [] }
        // One pass over the results, not one per namespace: large clusters have hundreds of thousands.
        var byNamespace: [String: [CheckResult]] = [:]
        for r in report.results where ["NP-0001", "NP-0002", "NP-0003", "NP-0004", "NP-0005"].contains(r.checkID) {
            if let ns = r.subject.namespace ?? (r.subject.kind == .namespace ? r.subject.name : nil) { byNamespace[ns, default: []].append(r) }
        }
        func status(_ id: String, _ ns: String) -> String {
            guard let r = byNamespace[ns]?.first(where: { $0.checkID == id && $0.subject.kind == .namespace }) else { return "–" }
            switch r.status {
            case .pass: return "yes"
            case .fail: return "**no**"
            case .waived: return "waived"
            case .indeterminate: return "unknown"
            default: return "–"
            }
        }
        func workloads(_ id: String, _ ns: String) -> String {
            let rs = (byNamespace[ns] ?? []).filter { $0.checkID == id && $0.subject.namespace == ns && ($0.status == .pass || $0.status == .fail) }
            return rs.isEmpty ? "–" : "\(rs.count { $0.status == .pass })/\(rs.count)"
        }
        let rows = report.scope.namespaces.map { ns in
            [ns, status("NP-0001", ns), status("NP-0002", ns), status("NP-0003", ns), workloads("NP-0004", ns), workloads("NP-0005", ns),
             report.namespaceScores[ns]?.description ?? "n/a"]
        }
        return ["## Coverage by namespace", "",
                "Score = results passed (or waived) ÷ results evaluated for the namespace and everything in it.", ""]
            + table(["Namespace", "Has policies", "Default-deny ingress", "Default-deny egress", "Workloads isolated (ingress)",
                     "Workloads isolated (egress)", "Score"], rows)
    }

    static func findings(_ report: Report) -> [String] {
        var out = ["## Findings by namespace", ""]
        let failing = report.results.filter { $0.status == .fail || $0.status == .indeterminate }
        if failing.isEmpty { return out + ["No failing or indeterminate results.", ""] }
        let byNamespace = Dictionary(grouping: failing) { $0.subject.namespace ?? ($0.subject.kind == .namespace ? $0.subject.name : "(cluster)") }
        // Once per check, not once per finding: a large cluster has tens of thousands of findings.
        var controlsByCheck: [String: String] = [:]
        for check in report.checks {
            let controls = report.profiles.flatMap { p in p.controls.filter { $0.checks.contains(check.id) }.map { "\(p.id) \($0.id)" } }
            if !controls.isEmpty { controlsByCheck[check.id] = "Controls: \(controls.joined(separator: ", "))." }
        }
        for ns in byNamespace.keys.sorted() {
            out += ["### Namespace `\(ns)`", ""]
            for result in byNamespace[ns]! {
                let check = report.check(result.checkID)
                let label = (result.status == .fail ? "FAIL" : "INDETERMINATE") + (result.trend == "new" ? " (new)" : "")
                out += ["#### \(label) \(result.checkID) \(check?.title ?? "") — \(result.subject.description) (\(report.severity(of: result).rawValue))", ""]
                out += [result.message, ""]
                if let controls = controlsByCheck[result.checkID] { out += [controls, ""] }
                for v in result.violations {
                    var line = "- \(v.message)"
                    if let object = v.object { line += " — `\(object)`" }
                    if let path = v.fieldPath { line += " `\(path)`" }
                    if let source = v.source, !source.file.isEmpty { line += " (\(source))" }
                    out.append(line)
                    if let excerpt = v.excerpt { out += ["", "  ```yaml"] + excerpt.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 } + ["  ```"] }
                }
                if !result.violations.isEmpty { out.append("") }
                if let remediation = result.remediation {
                    out += ["Remediation:", "", "```yaml", remediation.hasSuffix("\n") ? String(remediation.dropLast()) : remediation, "```", ""]
                }
                out += ["Fingerprint: `\(result.fingerprint)`", ""]
            }
        }
        return out
    }

    static func waivers(_ report: Report) -> [String] {
        var out = ["## Waiver register", ""]
        if report.waivers.isEmpty { return out + ["No waiver is declared.", ""] }
        out += ["Every waiver declared, in the configuration or as an annotation. An expired waiver no longer applies: its findings fail again. Waived results stay in every report.", ""]
        out += table(["Waiver", "Check", "Scope", "Reason", "Owner", "Expires", "Source", "State", "Results"],
                     report.waivers.map { w in
                         [w.id, w.check, [w.namespace, w.object].compactMap { $0 }.joined(separator: " ").ifEmpty("cluster"), w.reason,
                          w.owner ?? "–", w.expires, w.source, w.state.rawValue.uppercased(), "\(w.matched)"]
                     })
        let waived = report.results.filter { $0.status == .waived }
        if !waived.isEmpty {
            out += ["Waived results:", ""]
            out += table(["Check", "Subject", "Waiver", "Finding"], waived.map { [$0.checkID, $0.subject.description, $0.waiver ?? "", $0.message] })
        }
        return out
    }

    static func trend(_ report: Report) -> [String] {
        guard let b = report.baseline else { return [] }
        var out = ["## Trend since the previous scan", "",
                   "Compared with scan \(b.previousScanID) of \(b.previousStartedAt), by result fingerprint: **\(b.new) new**, \(b.unchanged) unchanged, **\(b.resolved.count) resolved**.", ""]
        let new = report.results.filter { $0.trend == "new" }
        if !new.isEmpty {
            out += table(["New finding", "Subject", "Severity", "Message"], new.map { [$0.checkID, $0.subject.description, report.severity(of: $0).rawValue, $0.message] })
        }
        if !b.resolved.isEmpty {
            out += table(["Resolved finding", "Subject", "Was"], b.resolved.map { [$0.checkID, $0.subject.description, $0.message] })
        }
        return out
    }

    static func manualChecklist(_ report: Report) -> [String] {
        var items: [String] = []
        for p in report.profiles {
            for c in p.controls where c.status == .manual {
                items.append("- [ ] **\(p.id) \(c.id)** \(c.title): \(c.evidence)")
            }
        }
        for r in report.results where r.status == .manual {
            items.append("- [ ] **\(r.checkID)** \(r.subject.description): \(r.message)")
        }
        guard !items.isEmpty else { return [] }
        return ["## Manual controls: evidence to obtain", "", "Bulkhead cannot prove these from configuration; an auditor must verify each by hand.", ""] + items + [""]
    }

    static func diagnostics(_ report: Report) -> [String] {
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

    static func limits(_ report: Report) -> [String] {
        ["## Limits of this analysis", "",
         "- This is static analysis of declared configuration in its converged state, not a test of traffic: it is evidence for, not a substitute for, segmentation testing (PCI DSS 11.4.5).",
         "- NetworkPolicy has no effect unless the network plugin enforces it; enforcement is a manual control unless the plugin was detected.",
         "- Pods on the host network are outside NetworkPolicy; traffic from a pod's own node is always allowed.",
         "- Only TCP, UDP and SCTP are governed; ICMP and other protocols are undefined under NetworkPolicy.",
         "- Choices Kubernetes leaves to the network plugin were made as follows:"]
            + report.scan.modelStatements.map { "  - \($0)" } + [""]
    }

    static func integrity(_ report: Report, outputs: [FileDigest]) -> [String] {
        var rows = report.scan.inputDigests.map { ["input", $0.path, $0.sha256] }
        rows += outputs.map { ["output", $0.path, $0.sha256] }
        guard !rows.isEmpty else { return [] }
        return ["## Integrity", "", "SHA-256 of every input read and every other report written by this scan (`bulkhead.sha256` lists this file too, for `sha256sum -c`).", ""]
            + table(["Kind", "File", "SHA-256"], rows)
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
