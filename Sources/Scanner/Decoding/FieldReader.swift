import BulkheadCore

/// An error in one object of the input, located as precisely as the input allows.
public struct InputError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// The field, e.g. `spec.ingress[0].ports[1].port`.
    public var path: String?
    public var line: Int?

    public init(_ message: String, path: String? = nil, line: Int? = nil) {
        self.message = message
        self.path = path
        self.line = line
    }

    public var description: String {
        var s = ""
        if let path, !path.isEmpty { s += "\(path): " }
        return s + message
    }
}

/// Where a field is, rendered only when an error or a reader needs it: building
/// `spec.containers[0].ports[1]` for every field read costs more than reading it.
indirect enum FieldPath: Sendable {
    case root(String)
    case key(FieldPath, String)
    case index(FieldPath, Int)

    var rendered: String {
        switch self {
        case let .root(path): return path
        case let .key(parent, key):
            let base = parent.rendered
            return base.isEmpty ? key : "\(base).\(key)"
        case let .index(parent, index): return "\(parent.rendered)[\(index)]"
        }
    }
}

/// Reads typed fields out of a `Value`, carrying the field path and nearest line for errors.
struct Field {
    let value: Value
    let location: FieldPath
    /// The line of the nearest enclosing object or array.
    let line: Int

    var path: String { location.rendered }

    init(_ value: Value, path: String = "", line: Int = 0) {
        self.init(value, location: .root(path), line: line)
    }

    init(_ value: Value, location: FieldPath, line: Int) {
        self.value = value
        self.location = location
        self.line = value.line ?? line
    }

    func fail(_ message: String) -> InputError { InputError(message, path: path.isEmpty ? nil : path, line: line > 0 ? line : nil) }

    var isNull: Bool { value.isNull }

    func child(_ key: String) -> Field? {
        guard let v = value[key], !v.isNull else { return nil }
        return Field(v, location: .key(location, key), line: line)
    }

    func has(_ key: String) -> Bool { value[key] != nil }

    func object() throws -> [String: Value] {
        if case let .object(fields, _) = value { return fields }
        throw fail("expected an object, found \(value.typeName)")
    }

    func array() throws -> [Field] {
        guard case let .array(items, _) = value else { throw fail("expected a list, found \(value.typeName)") }
        return items.enumerated().map { Field($1, location: .index(location, $0), line: line) }
    }

    func string() throws -> String {
        if case let .string(s) = value { return s }
        throw fail("expected a string, found \(value.typeName)\(value.typeName == "boolean" || value.typeName == "number" ? " (quote it)" : "")")
    }

    func int() throws -> Int {
        switch value {
        case let .int(i): return i
        case let .double(d) where d.rounded() == d && abs(d) < 1e15: return Int(d)
        default: throw fail("expected an integer, found \(value.typeName)")
        }
    }

    func bool() throws -> Bool {
        if case let .bool(b) = value { return b }
        throw fail("expected true or false, found \(value.typeName)")
    }

    func string(_ key: String) throws -> String? { try child(key)?.string() }
    func int(_ key: String) throws -> Int? { try child(key)?.int() }
    func bool(_ key: String) throws -> Bool? { try child(key)?.bool() }
    func array(_ key: String) throws -> [Field] { try child(key)?.array() ?? [] }

    /// A map of strings, such as labels, annotations or a Service selector.
    func stringMap(_ key: String) throws -> [String: String] {
        guard let child = child(key) else { return [:] }
        var result: [String: String] = [:]
        // The first bad entry in key order, not in the dictionary's (seeded) order: the same
        // input must give the same error.
        var bad: (key: String, value: Value)?
        for (k, v) in try child.object() {
            switch v {
            case .null: result[k] = ""
            case let .string(text): result[k] = text
            default: if bad == nil || k < bad!.key { bad = (k, v) }
            }
        }
        if let bad { _ = try Field(bad.value, location: .key(child.location, bad.key), line: child.line).string() }
        return result
    }
}
