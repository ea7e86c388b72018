import BulkheadCore

/// SARIF 2.1.0 for code-scanning consumers (GitHub, GitLab, Azure): one rule per check with
/// `security-severity`, compliance frameworks as taxonomies, failing results with file and
/// line for manifest scans (logical locations otherwise), waivers as suppressions, and
/// stable fingerprints.
public enum SARIFReporter {
    /// The scores GitHub maps to critical/high/medium/low.
    static func securitySeverity(_ s: Severity) -> String {
        switch s {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "3.0"
        case .info: return "0.0"
        }
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    public static func render(_ report: Report) -> [UInt8] {
        let checkIndex = Dictionary(uniqueKeysWithValues: report.checks.enumerated().map { ($1.id, $0) })
        let rules: [JSONOut] = report.checks.map { check in
            var relationships: [JSONOut] = []
            for (i, profile) in report.profiles.enumerated() {
                for control in profile.controls where control.checks.contains(check.id) {
                    relationships.append(.object(
                        ("target", .object(("id", .string(control.id)), ("toolComponent", .object(("name", .string(profile.id)), ("index", .int(i)))))),
                        ("kinds", .array([.string("relevant")]))))
                }
            }
            var tags: [JSONOut] = [.string("kubernetes"), .string("networkpolicy"), .string("security")]
            for profile in report.profiles {
                for control in profile.controls where control.checks.contains(check.id) {
                    if tags.count < 20 { tags.append(.string("\(profile.id):\(control.id)")) }
                }
            }
            return .object(
                ("id", .string(check.id)),
                ("name", .string(check.slug)),
                ("shortDescription", .object(("text", .string(check.title)))),
                ("fullDescription", .object(("text", .string(check.rationale)))),
                ("help", .object(("text", .string(check.remediation)), ("markdown", .string(check.remediation)))),
                ("defaultConfiguration", .object(("level", .string(level(check.severity))))),
                ("properties", .object(("security-severity", .string(securitySeverity(check.severity))), ("precision", .string("very-high")),
                                       ("tags", .array(tags)))),
                ("relationships", relationships.isEmpty ? nil : .array(relationships)))
        }
        let taxonomies: [JSONOut] = report.profiles.map { profile in
            .object(
                ("name", .string(profile.id)),
                ("version", .string(profile.frameworkVersion)),
                ("fullName", .string("\(profile.framework) \(profile.frameworkVersion)")),
                ("shortDescription", .object(("text", .string("\(profile.framework) \(profile.frameworkVersion), Bulkhead mapping v\(profile.mappingVersion)")))),
                ("taxa", .array(profile.controls.map { .object(("id", .string($0.id)), ("shortDescription", .object(("text", .string($0.title))))) })))
        }
        let results: [JSONOut] = report.results.compactMap { result in
            guard [.fail, .waived, .indeterminate, .manual].contains(result.status), let index = checkIndex[result.checkID] else { return nil }
            let severity = report.severity(of: result)
            let kind: String
            let levelText: String
            switch result.status {
            case .indeterminate: kind = "review"; levelText = "warning"
            case .manual: kind = "review"; levelText = "note"
            default: kind = "fail"; levelText = level(severity)
            }
            var message = result.message
            for v in result.violations.prefix(10) { message += "\n- \(v.message)" + (v.fieldPath.map { " (\($0))" } ?? "") }
            var pairs: [(String, JSONOut?)] = [
                ("ruleId", .string(result.checkID)), ("ruleIndex", .int(index)), ("kind", .string(kind)),
                ("level", .string(levelText)), ("message", .object(("text", .string(message)))),
                ("locations", .array([location(result, report)])),
                ("partialFingerprints", .object(("bulkheadFingerprint/v1", .string(result.fingerprint)))),
            ]
            if result.status == .waived {
                pairs.append(("suppressions", .array([.object(("kind", .string("external")), ("status", .string("accepted")),
                                                             ("justification", .string(result.message)))])))
            }
            if result.severity != nil {
                pairs.append(("properties", .object(("security-severity", .string(securitySeverity(severity))), ("severity", .string(severity.rawValue)))))
            }
            return .object(pairs.compactMap { k, v in v.map { (k, $0) } })
        }
        let notifications: [JSONOut] = report.unreadable.map { u in
            .object(("level", .string("error")), ("message", .object(("text", .string("\(u.kind) could not be read\(u.namespace.map { " in \($0)" } ?? ""): \(u.reason)")))))
        }
        let run = JSONOut.object(
            ("tool", .object(("driver", .object(
                ("name", .string(report.tool.name)), ("version", .string(report.tool.version)), ("semanticVersion", .string(report.tool.version)),
                ("rules", .array(rules)))))),
            ("taxonomies", taxonomies.isEmpty ? nil : .array(taxonomies)),
            ("invocations", .array([.object(
                ("executionSuccessful", .bool(!report.isIncomplete)),
                ("startTimeUtc", .string(report.scan.startedAt)), ("endTimeUtc", .string(report.scan.finishedAt)),
                ("toolExecutionNotifications", notifications.isEmpty ? nil : .array(notifications)))])),
            ("automationDetails", .object(("id", .string("bulkhead/\(report.scan.cluster.clusterID ?? report.scan.inputKind)/\(report.scan.id)")))),
            ("originalUriBaseIds", .object(("SRCROOT", .object(("description", .object(("text", .string("The directory bulkhead ran in")))))))),
            ("results", .array(results)),
            ("properties", .object(("scanId", .string(report.scan.id)), ("profiles", .array(report.profiles.map { .string("\($0.id)@\($0.mappingVersion)") })))))
        let document = JSONOut.object(
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])))
        return document.render()
    }

    /// A file and line for objects read from manifests; a logical location (the object) otherwise.
    static func location(_ result: CheckResult, _ report: Report) -> JSONOut {
        let v = result.violations.first
        if let source = v?.source, !source.file.isEmpty, !source.file.hasPrefix("<"), !source.file.hasPrefix("/") {
            return .object(("physicalLocation", .object(
                ("artifactLocation", .object(("uri", .string(source.file)), ("uriBaseId", .string("SRCROOT")))),
                ("region", .object(("startLine", .int(max(1, source.line))))))))
        }
        if let source = v?.source, !source.file.isEmpty, source.file.hasPrefix("/") {
            return .object(("physicalLocation", .object(
                ("artifactLocation", .object(("uri", .string("file://" + source.file)))),
                ("region", .object(("startLine", .int(max(1, source.line))))))))
        }
        let object = v?.object
        let kind = object?.kind ?? result.subject.kind.rawValue
        let namespace = object?.namespace ?? result.subject.namespace
        let name = object?.name ?? result.subject.name
        let fqn = [report.scan.cluster.clusterID ?? "cluster", namespace, kind, name].compactMap { $0 }.joined(separator: "/")
        return .object(("logicalLocations", .array([.object(("name", .string(name)), ("fullyQualifiedName", .string(fqn)),
                                                           ("kind", .string("resource")))])))
    }
}
