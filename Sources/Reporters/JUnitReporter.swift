import BulkheadCore

/// JUnit XML as Jenkins, GitLab and GitHub reporters read it: one testsuite per check, one
/// testcase per check × subject with `classname` = the check ID, failures with a short
/// message and a detailed body, indeterminate results as errors, not-applicable as skipped.
public enum JUnitReporter {
    public static func render(_ report: Report) throws -> [UInt8] {
        let xml = try XMLWriter()
        let summary = report.summary
        // The root carries no `skipped`: the Jenkins schema does not allow it there (suites do).
        let failures = summary.failed, errors = summary.indeterminate
        xml.start("testsuites", [
            ("name", "\(report.tool.name) \(report.tool.version)"), ("tests", "\(summary.total)"),
            ("failures", "\(failures)"), ("errors", "\(errors)"), ("time", "0"),
        ])
        let byCheck = Dictionary(grouping: report.results, by: \.checkID)
        for (index, check) in report.checks.enumerated() {
            let results = byCheck[check.id] ?? []
            let s = Summary(results)
            xml.start("testsuite", [
                ("name", "\(check.id) \(check.title)"), ("tests", "\(s.total)"), ("failures", "\(s.failed)"),
                ("errors", "\(s.indeterminate)"), ("skipped", "\(s.notApplicable)"), ("time", "0"),
                ("timestamp", report.scan.startedAt), ("id", "\(index)"), ("package", "bulkhead"),
            ])
            xml.start("properties")
            let model = report.scan.model
            for (name, value) in [("check.id", check.id), ("check.slug", check.slug), ("severity", check.severity.rawValue),
                                  ("model.ipBlockMatchesPodIPs", "\(model.ipBlockMatchesPodIPs)"),
                                  ("model.hostNetworkPodsSelectable", "\(model.hostNetworkPodsSelectable)"),
                                  ("model.inactivePodsAreEndpoints", "\(model.inactivePodsAreEndpoints)")] {
                xml.element("property", [("name", name), ("value", value)])
            }
            xml.end()
            for result in results { testcase(result, check: check, severity: report.severity(of: result), xml: xml) }
            xml.element("system-out", text: "")
            xml.element("system-err", text: "")
            xml.end()
        }
        xml.end()
        return try xml.finish()
    }

    static func testcase(_ result: CheckResult, check: CheckInfo, severity: Severity, xml: XMLWriter) {
        xml.start("testcase", [("name", result.subject.description), ("classname", check.id), ("time", "0")])
        switch result.status {
        case .pass:
            break
        case .fail:
            xml.element("failure", [("message", XMLText.truncate(result.message, 250)), ("type", severity.rawValue)],
                        text: body(result, check: check, severity: severity))
        case .indeterminate:
            xml.element("error", [("message", XMLText.truncate(result.message, 250)), ("type", "ScanError")], text: result.message)
        case .notApplicable:
            xml.element("skipped", [("message", XMLText.truncate("Not applicable: \(result.message)", 250))])
        }
        xml.end()
    }

    static func body(_ result: CheckResult, check: CheckInfo, severity: Severity) -> String {
        var lines = [result.message, "", "Check: \(check.id) \(check.title) (severity \(severity.rawValue))"]
        for v in result.violations {
            var line = "- \(v.message)"
            if let object = v.object { line += " [\(object)\(v.fieldPath.map { " \($0)" } ?? "")]" }
            if let source = v.source, !source.file.isEmpty { line += " at \(source)" }
            lines.append(line)
        }
        if let remediation = result.remediation {
            lines += ["", "Remediation:", remediation]
        }
        return lines.joined(separator: "\n")
    }
}
