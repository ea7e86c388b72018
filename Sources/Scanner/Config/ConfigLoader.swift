import BulkheadCore
import Foundation

/// Reads `.bulkhead.yaml` strictly: every unknown key is an error that lists the valid ones,
/// and every check ID, severity, date and zone reference is validated.
public enum ConfigLoader {
    public struct ConfigError: Error, CustomStringConvertible, Sendable {
        public var file: String
        public var line: Int?
        public var message: String
        public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
    }

    /// What the loader must know about the checks: their IDs, slugs and option names.
    public struct KnownChecks: Sendable {
        public var ids: Set<String>
        public var slugs: [String: String]
        public var options: [String: Set<String>]

        public init(ids: Set<String>, slugs: [String: String], options: [String: Set<String>]) {
            self.ids = ids
            self.slugs = slugs
            self.options = options
        }

        func resolve(_ idOrSlug: String) -> String? { ids.contains(idOrSlug) ? idOrSlug : slugs[idOrSlug] }
    }

    public static let defaultFileName = ".bulkhead.yaml"

    public static func load(path: String, checks: KnownChecks) throws -> Configuration {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: nil, message: "cannot be read")
        }
        return try load(text: text, name: path, checks: checks)
    }

    public static func load(text: String, name: String, checks: KnownChecks) throws -> Configuration {
        let docs = YAMLReader.split(text)
        guard docs.count == 1 else { throw ConfigError(file: name, line: nil, message: "expected exactly one YAML document") }
        let root: Field
        do {
            root = Field(try YAMLReader.parse(docs[0]), line: docs[0].line)
        } catch let error as YAMLError {
            throw ConfigError(file: name, line: error.line, message: "invalid YAML: \(error.message)")
        }
        do {
            var config = try read(root, checks: checks)
            config.path = name
            return config
        } catch let error as InputError {
            throw ConfigError(file: name, line: error.line, message: error.description)
        }
    }

    static func keys(_ f: Field, _ allowed: [String]) throws {
        for key in try f.object().keys.sorted() where !allowed.contains(key) {
            throw f.fail("unknown key '\(key)'; valid keys: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    static func strings(_ f: Field, _ key: String) throws -> [String] { try f.array(key).map { try $0.string() } }

    static func read(_ root: Field, checks: KnownChecks) throws -> Configuration {
        try keys(root, ["apiVersion", "kind", "scope", "checks", "failOn", "annotationWaivers", "waivers", "expectations", "zones"])
        guard try root.string("apiVersion") == "bulkhead.dev/v1" else { throw root.fail("apiVersion must be bulkhead.dev/v1") }
        guard try root.string("kind") == "Configuration" else { throw root.fail("kind must be Configuration") }
        var config = Configuration()
        if let scope = root.child("scope") {
            try keys(scope, ["includeNamespaces", "excludeNamespaces", "namespaceSelector", "systemNamespaces", "includeSystemNamespaces"])
            config.scope.includeNamespaces = try strings(scope, "includeNamespaces")
            config.scope.excludeNamespaces = try strings(scope, "excludeNamespaces")
            if let sel = scope.child("namespaceSelector") { config.scope.namespaceSelector = try PolicyReader.readSelector(sel) }
            if scope.has("systemNamespaces") { config.scope.systemNamespaces = try strings(scope, "systemNamespaces") }
            config.scope.includeSystemNamespaces = try scope.bool("includeSystemNamespaces") ?? false
        }
        func checkID(_ f: Field) throws -> String {
            let text = try f.string()
            guard let id = checks.resolve(text) else {
                throw f.fail("unknown check '\(text)'; known: \(checks.ids.sorted().joined(separator: ", "))")
            }
            return id
        }
        if let c = root.child("checks") {
            try keys(c, ["enable", "disable", "severity", "options"])
            config.enabledChecks = try c.array("enable").map(checkID)
            config.disabledChecks = try c.array("disable").map(checkID)
            if let sev = c.child("severity") {
                for (key, value) in try sev.object().sorted(by: { $0.key < $1.key }) {
                    let f = Field(value, path: "\(sev.path).\(key)", line: sev.line)
                    guard let id = checks.resolve(key) else { throw f.fail("unknown check '\(key)'") }
                    guard let s = Severity(rawValue: try f.string()) else { throw f.fail("severity must be one of info, low, medium, high, critical") }
                    config.severityOverrides[id] = s
                }
            }
            if let opts = c.child("options") {
                for (key, value) in try opts.object().sorted(by: { $0.key < $1.key }) {
                    let f = Field(value, path: "\(opts.path).\(key)", line: opts.line)
                    guard let id = checks.resolve(key) else { throw f.fail("unknown check '\(key)'") }
                    let allowed = checks.options[id] ?? []
                    guard case let .object(fields, _) = value else { throw f.fail("options must be a mapping") }
                    for name in fields.keys.sorted() where !allowed.contains(name) {
                        throw f.fail("\(id) has no option '\(name)'; its options: \(allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", "))")
                    }
                    config.checkOptions[id] = fields
                }
            }
        }
        if let failOn = try root.string("failOn") {
            guard let s = Severity(rawValue: failOn) else { throw root.child("failOn")!.fail("failOn must be one of info, low, medium, high, critical") }
            config.failOn = s
        }
        config.annotationWaivers = try root.bool("annotationWaivers") ?? true
        for (i, w) in try root.array("waivers").enumerated() {
            try keys(w, ["id", "check", "namespace", "object", "reason", "owner", "expires"])
            let check = w.child("check").map { try? $0.string() } ?? nil
            guard let checkField = w.child("check"), let checkText = check else { throw w.fail("check is required (a check ID, slug or *)") }
            let id = checkText == "*" ? "*" : try checkID(checkField)
            guard let reason = try w.string("reason"), !reason.isEmpty else { throw w.fail("reason is required") }
            guard let expires = try w.string("expires") else { throw w.fail("expires is required (YYYY-MM-DD): waivers must end") }
            guard WaiverDates.isValid(expires) else { throw w.child("expires")!.fail("expires must be a date YYYY-MM-DD, got '\(expires)'") }
            if let object = try w.string("object"), !object.contains("/") { throw w.child("object")!.fail("object must be Kind/name") }
            config.waivers.append(Configuration.Waiver(id: try w.string("id") ?? "W-\(i + 1)", check: id, namespace: try w.string("namespace"),
                                                       object: try w.string("object"), reason: reason, owner: try w.string("owner"),
                                                       expires: expires, source: "config"))
        }
        let ids = config.waivers.map(\.id)
        if let dup = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) { throw root.fail("waiver id \(dup) is used twice") }
        for e in try root.array("expectations") {
            try keys(e, ["name", "from", "to", "port", "expect"])
            guard let name = try e.string("name") else { throw e.fail("name is required") }
            guard let expectText = try e.string("expect"), let kind = Configuration.Expectation.Kind(rawValue: expectText) else {
                throw e.fail("expect must be allowed, denied or onlyFrom")
            }
            guard let to = e.child("to") else { throw e.fail("to is required") }
            guard let fromField = e.child("from") else { throw e.fail("from is required") }
            let from: [Configuration.PodSet]
            if case .array = fromField.value { from = try fromField.array().map(podSet) } else { from = [try podSet(fromField)] }
            var port: Int?
            var proto = L4Protocol.tcp
            if let p = e.child("port") {
                let text: String
                if case let .int(n) = p.value { text = "\(n)" } else { text = try p.string() }
                guard let q = Explanation.PortQuery(text) else { throw p.fail("port must look like 8080/TCP, 53/UDP or 443") }
                port = q.port
                proto = q.proto
            }
            config.expectations.append(Configuration.Expectation(name: name, kind: kind, from: from, to: try podSet(to), port: port, proto: proto))
        }
        for z in try root.array("zones") {
            try keys(z, ["name", "namespaces", "allowedFrom", "allowedTo"])
            guard let name = try z.string("name") else { throw z.fail("name is required") }
            config.zones.append(Configuration.Zone(name: name, namespaces: try strings(z, "namespaces"), allowedFrom: try strings(z, "allowedFrom"),
                                                   allowedTo: try strings(z, "allowedTo")))
        }
        let zoneNames = Set(config.zones.map(\.name))
        for z in config.zones {
            for ref in z.allowedFrom + z.allowedTo where !zoneNames.contains(ref) && ref != "external" {
                throw root.fail("zone \(z.name) names unknown zone '\(ref)' (known: \(zoneNames.sorted().joined(separator: ", ")), external)")
            }
        }
        return config
    }

    static func podSet(_ f: Field) throws -> Configuration.PodSet {
        try keys(f, ["namespace", "namespaceSelector", "labels", "selector"])
        var set = Configuration.PodSet(namespace: try f.string("namespace"))
        if let s = f.child("namespaceSelector") { set.namespaceSelector = try PolicyReader.readSelector(s) }
        if f.has("labels") { set.labels = LabelSelector(matchLabels: try f.stringMap("labels")) }
        if let s = f.child("selector") { set.labels = try PolicyReader.readSelector(s) }
        return set
    }
}

