import BulkheadCore
import Foundation

/// Reads compliance profiles (benchmarks-profiles/*.yaml), strictly: an unknown key, a
/// duplicate control, an unknown check ID or a control that is neither manual nor proven by
/// checks is an error naming the file and line.
public enum ProfileLoader {
    public struct ProfileError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var message: String
        public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
    }

    static let topKeys: Set<String> = ["apiVersion", "kind", "id", "framework", "frameworkVersion", "mappingVersion", "description", "notes", "controls"]
    static let controlKeys: Set<String> = ["id", "title", "description", "checks", "manual", "audit"]

    /// The profiles compiled into the binary, in ID order.
    public static func builtIn(knownChecks: Set<String>) throws -> [Profile] {
        try BuiltInProfileFiles.files.map { try load(text: $1, name: "benchmarks-profiles/\($0)", knownChecks: knownChecks) }
            .sorted { $0.id < $1.id }
    }

    public static func load(path: String, knownChecks: Set<String>) throws -> Profile {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ProfileError(file: path, line: nil, message: "cannot be read as UTF-8 text")
        }
        return try load(text: text, name: path, knownChecks: knownChecks)
    }

    public static func load(text: String, name: String, knownChecks: Set<String>) throws -> Profile {
        let documents = YAMLReader.split(text)
        guard documents.count == 1 else { throw ProfileError(file: name, line: nil, message: "expected exactly one YAML document") }
        let value: Value
        do {
            value = try YAMLReader.parse(documents[0])
        } catch let error as YAMLError {
            throw ProfileError(file: name, line: error.line, message: "invalid YAML: \(error.message)")
        }
        func fail(_ e: InputError) -> ProfileError { ProfileError(file: name, line: e.line, message: e.description) }
        do {
            let root = Field(value, line: documents[0].line)
            try strictKeys(root, topKeys)
            guard try root.string("kind") == "ComplianceProfile" else { throw root.fail("kind must be ComplianceProfile") }
            guard try root.string("apiVersion") == "bulkhead.dev/v1" else { throw root.fail("apiVersion must be bulkhead.dev/v1") }
            func required(_ f: Field, _ key: String) throws -> String {
                guard let v = try f.string(key), !v.isEmpty else { throw f.fail("\(key) is required") }
                return v
            }
            var seen: Set<String> = []
            var controls: [Profile.Control] = []
            for c in try root.array("controls") {
                try strictKeys(c, controlKeys)
                let id = try required(c, "id")
                guard seen.insert(id).inserted else { throw c.fail("duplicate control \(id)") }
                let checks = try c.array("checks").map { try $0.string() }
                for check in checks where !knownChecks.contains(check) {
                    throw c.fail("control \(id) names unknown check \(check); known: \(knownChecks.sorted().joined(separator: ", "))")
                }
                let manual = try c.bool("manual") ?? false
                if manual && !checks.isEmpty { throw c.fail("control \(id) is manual and also names checks: choose one") }
                if !manual && checks.isEmpty { throw c.fail("control \(id) names no checks and is not manual: true") }
                let audit = try c.string("audit")
                if manual && (audit ?? "").isEmpty { throw c.fail("manual control \(id) must say what to verify (audit)") }
                controls.append(Profile.Control(id: id, title: try required(c, "title"), description: try required(c, "description"),
                                                checks: checks, manual: manual, audit: audit))
            }
            guard !controls.isEmpty else { throw root.fail("controls must not be empty") }
            return Profile(id: try required(root, "id"), framework: try required(root, "framework"),
                           frameworkVersion: try required(root, "frameworkVersion"), mappingVersion: try required(root, "mappingVersion"),
                           description: try required(root, "description"), notes: try root.array("notes").map { try $0.string() },
                           controls: controls)
        } catch let error as InputError {
            throw fail(error)
        }
    }

    static func strictKeys(_ field: Field, _ allowed: Set<String>) throws {
        let keys = try field.object().keys
        for key in keys.sorted() where !allowed.contains(key) {
            throw field.fail("unknown key '\(key)'; valid keys: \(allowed.sorted().joined(separator: ", "))")
        }
    }
}
