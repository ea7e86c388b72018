/// Where an object came from: a manifest file and line, a snapshot, or the live API.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var file: String
    /// 1-based line of the object's first line; 0 when unknown (live objects).
    public var line: Int
    /// 0-based index of the YAML document (or List item) within the file.
    public var document: Int

    public init(file: String, line: Int = 0, document: Int = 0) {
        self.file = file
        self.line = line
        self.document = document
    }

    public static let unknown = SourceLocation(file: "")

    public var description: String {
        if file.isEmpty { return "(unknown)" }
        return line > 0 ? "\(file):\(line)" : file
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.document) < (b.file, b.line, b.document)
    }
}

/// Identifies a Kubernetes object in messages and reports: `Kind ns/name`.
public struct ObjectRef: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var kind: String
    public var namespace: String?
    public var name: String

    public init(kind: String, namespace: String?, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    public var description: String {
        if let namespace { return "\(kind) \(namespace)/\(name)" }
        return "\(kind) \(name)"
    }

    public static func < (a: ObjectRef, b: ObjectRef) -> Bool {
        (a.namespace ?? "", a.kind, a.name) < (b.namespace ?? "", b.kind, b.name)
    }
}
