/// A decoded document (YAML or JSON) before it is read into typed objects.
///
/// Objects and arrays remember the line they start on so that errors about a
/// field can point at the input, not only at the document.
public indirect enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([Value], line: Int)
    case object([String: Value], line: Int)

    public subscript(key: String) -> Value? {
        if case let .object(fields, _) = self { return fields[key] }
        return nil
    }

    public var line: Int? {
        switch self {
        case let .array(_, line), let .object(_, line): return line > 0 ? line : nil
        default: return nil
        }
    }

    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The name JSON would give this value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
