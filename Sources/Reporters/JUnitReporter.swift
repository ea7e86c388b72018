import BulkheadCore

/// JUnit XML as Jenkins, GitLab and GitHub reporters read it: one testsuite per check, one
/// testcase per check × subject with `classname` = the check ID (no dots, so Jenkins keeps
/// it as one class), failures with a short message and a detailed body, indeterminate results
/// as errors, waived, manual and not-applicable results as skipped.
public enum JUnitReporter {
    public static func render(_ report: Report) throws -> [UInt8] {
        let xml = try XMLWriter()
        let summary = report.summary
        // The root carries no `skipped`: the Jenkins schema allows it on suites only.
        xml.start("testsuites", [
            ("name", "\(report.tool.name) \(report.tool.version)"), ("tests", "\(summary.total)"),
            ("failures", "\(summary.failed)"), ("errors", "\(summary.indeterminate)"), ("time", "0.000"),
        ])
        let byCheck = report.resultsByCheck()
        let hostname = report.scan.cluster.context ?? report.scan.cluster.server ?? "localhost"
        for (index, check) in report.checks.enumerated() {
            let results = byCheck[check.id] ?? []
            let s = Summary(results)
            xml.start("testsuite", [
                ("name", "\(check.id) \(check.title)"), ("tests", "\(s.total)"), ("failures", "\(s.failed)"),
                ("errors", "\(s.indeterminate)"), ("skipped", "\(s.skipped)"), ("time", "0.000"),
                ("timestamp", junitTimestamp(report.scan.startedAt)), ("hostname", hostname), ("id", "\(index)"), ("package", "bulkhead"),
            ])
            xml.start("properties")
            for (name, value) in properties(report, check) { xml.element("property", [("name", name), ("value", value)]) }
            xml.end()
            for result in results { testcase(result, check: check, severity: result.severity ?? check.severity, xml: xml) }
            xml.element("system-out", text: "")
            xml.element("system-err", text: "")
            xml.end()
        }
        xml.end()
        return try xml.finish()
    }

    /// UTC without a zone (`YYYY-MM-DDTHH:MM:SS`), the form every JUnit schema accepts; the
    /// RFC 3339 value is kept in a property.
    static func junitTimestamp(_ rfc3339: String) -> String { rfc3339.hasSuffix("Z") ? String(rfc3339.dropLast()) : rfc3339 }

    static func properties(_ report: Report, _ check: CheckInfo) -> [(String, String)] {
        let model = report.scan.model
        var props = [
            ("check.id", check.id), ("check.slug", check.slug), ("severity", check.severity.rawValue),
            ("scan.id", report.scan.id), ("timestamp.rfc3339", report.scan.startedAt),
        ]
        for profile in report.profiles {
            let controls = profile.controls.filter { $0.checks.contains(check.id) }.map(\.id)
            if !controls.isEmpty { props.append(("controls.\(profile.id)", controls.joined(separator: ","))) }
        }
        if let cluster = report.scan.cluster.clusterID { props.append(("cluster.uid", cluster)) }
        props += [
            ("model.ipBlockMatchesPodIPs", "\(model.ipBlockMatchesPodIPs)"),
            ("model.hostNetworkPodsSelectable", "\(model.hostNetworkPodsSelectable)"),
            ("model.inactivePodsAreEndpoints", "\(model.inactivePodsAreEndpoints)"),
        ]
        return props
    }

    static func testcase(_ result: CheckResult, check: CheckInfo, severity: Severity, xml: XMLWriter) {
        // No `file` attribute: the Jenkins schema does not allow it; the failure body names file and line.
        xml.start("testcase", [("name", result.subject.description), ("classname", check.id), ("time", "0.000")])
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
        case .waived:
            xml.element("skipped", [("message", XMLText.truncate(result.message, 250)), ("type", "waived")],
                        text: body(result, check: check, severity: severity))
        case .manual:
            xml.element("skipped", [("message", XMLText.truncate("Manual: \(result.message)", 250)), ("type", "manual")])
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
        lines += ["", "Fingerprint: \(result.fingerprint)"]
        return lines.joined(separator: "\n")
    }
}
