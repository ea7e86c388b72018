import BulkheadCore

/// Documentation generated from check metadata: `docs/checks/` is written by
/// `bulkhead checks --write-docs docs/checks` and a test fails when it is stale.
public enum CheckDocs {
    /// File name → content.
    public static func files(_ checks: [any Check] = Catalogue.all) -> [(String, String)] {
        var index = """
        # Check catalogue

        Generated from the checks' metadata by `bulkhead checks --write-docs docs/checks`; do not edit.

        | ID | Slug | Title | Severity | Subject |
        |----|------|-------|----------|---------|

        """
        var files: [(String, String)] = []
        for check in checks {
            let m = check.metadata
            index += "| [\(m.id)](\(m.id).md) | `\(m.slug)` | \(m.title) | \(m.severity.rawValue) | \(m.subject.rawValue) |\n"
            files.append(("\(m.id).md", page(m)))
        }
        return [("README.md", index)] + files
    }

    public static func page(_ m: CheckMetadata) -> String {
        var out = """
        # \(m.id) \(m.title)

        - Slug: `\(m.slug)`
        - Severity: \(m.severity.rawValue)
        - Subject: \(m.subject.rawValue)
        - Needs: \(m.needs.joined(separator: ", ")) (when one of these cannot be read, the result is indeterminate)

        \(m.options.isEmpty ? "" : "- Options (`checks.options.\(m.id)` in the configuration): " + m.options.sorted { $0.key < $1.key }.map { "`\($0.key)`: \($0.value)" }.joined(separator: "; ") + "\n")
        ## Why

        \(m.rationale)

        ## Remediation

        \(m.remediation)

        """
        for (title, examples) in [("Compliant examples", m.compliant), ("Violating examples", m.violating)] {
            out += "\n## \(title)\n"
            for example in examples {
                let verdicts = example.expect.sorted { $0.key < $1.key }.map { "`\($0.key)`: \($0.value.rawValue)" }.joined(separator: ", ")
                out += "\n### \(example.name)\n\n\(verdicts)\n\n```yaml\n\(example.manifest)\n```\n"
                if let config = example.configuration { out += "\nWith this configuration:\n\n```yaml\n\(config)\n```\n" }
            }
        }
        return out
    }

    /// The text `bulkhead checks` prints.
    public static func list(_ checks: [any Check] = Catalogue.all) -> String {
        checks.map { c in
            let m = c.metadata
            return "\(m.id)  \(m.severity.rawValue.padding(8))  \(m.slug.padding(40))  \(m.title)"
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
