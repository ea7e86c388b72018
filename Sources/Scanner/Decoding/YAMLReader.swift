import BulkheadCore
import Yams

/// One YAML document of a stream, located in its file.
public struct YAMLDocument {
    /// 1-based position among the file's non-empty documents.
    public var index: Int
    /// 1-based line the document starts on.
    public var line: Int
    public var text: String
}

public struct YAMLError: Error, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var description: String { "line \(line): \(message)" }
}

/// Reads YAML as Kubernetes tools do (YAML 1.1 scalars via go-yaml): `yes`/`on` are booleans,
/// merge keys work, and documents are split on `---` so a broken one does not hide the rest.
public enum YAMLReader {
    /// More nodes than this in one document is refused: no Kubernetes object comes close.
    public static let maxNodes = 20_000_000
    /// With aliases in play, far fewer: each alias may repeat a whole subtree (an alias bomb
    /// expands exponentially), and real manifests that use anchors are small.
    public static let maxNodesWithAliases = 50_000

    /// Splits a stream on document markers at column 0. A marker always ends a block
    /// scalar, so this split agrees with a full YAML parser.
    public static func split(_ text: String) -> [YAMLDocument] {
        var docs: [YAMLDocument] = []
        var current: [Substring] = []
        var currentStart = 1
        var lineNumber = 0
        func flush() {
            let body = current.joined(separator: "\n")
            if hasContent(current) {
                docs.append(YAMLDocument(index: docs.count + 1, line: currentStart, text: body))
            }
            current = []
        }
        // "\r\n" is one Character in Swift, so split on both forms.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed == "---" || trimmed.hasPrefix("--- ") || trimmed.hasPrefix("---\t") {
                flush()
                currentStart = lineNumber
                current.append(line)
            } else if trimmed == "..." {
                flush()
                currentStart = lineNumber + 1
            } else {
                if current.isEmpty { currentStart = lineNumber }
                current.append(line)
            }
        }
        flush()
        return docs
    }

    static func hasContent(_ lines: [Substring]) -> Bool {
        lines.contains { line in
            let t = line.drop { $0 == " " || $0 == "\t" }
            return !t.isEmpty && !t.hasPrefix("#") && t != "---" && t != "\r"
        }
    }

    /// Parses one document into a `Value`, with lines counted from the file's start.
    public static func parse(_ document: YAMLDocument) throws -> Value {
        let node: Node?
        do {
            node = try Yams.compose(yaml: document.text, .basic)
        } catch let error as YamlError {
            // libyaml reports an unterminated construct at the end of the stream: clamp to the document.
            var described = describe(error, offset: document.line - 1)
            let lastLine = document.line + document.text.reduce(0) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 }
            described.line = min(described.line, lastLine)
            throw described
        } catch {
            throw YAMLError(message: "\(error)", line: document.line)
        }
        guard let node else { return .null }
        var budget = usesAliases(document.text) ? maxNodesWithAliases : maxNodes
        return try convert(node, offset: document.line - 1, budget: &budget, depth: 0)
    }

    /// An alias (`*name`) where YAML allows one: after a space, `[`, `,` or `:` and before a name.
    static func usesAliases(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        for i in bytes.indices.dropLast() where bytes[i] == UInt8(ascii: "*") {
            let before = i == 0 ? UInt8(ascii: " ") : bytes[i - 1]
            let after = bytes[i + 1]
            if [UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "\n")].contains(before),
               (after >= UInt8(ascii: "a") && after <= UInt8(ascii: "z")) || (after >= UInt8(ascii: "A") && after <= UInt8(ascii: "Z"))
                || (after >= UInt8(ascii: "0") && after <= UInt8(ascii: "9")) || after == UInt8(ascii: "_") {
                return true
            }
        }
        return false
    }

    static func describe(_ error: YamlError, offset: Int) -> YAMLError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return YAMLError(message: "\(prefix)\(problem)".trimmedSpaces, line: mark.line + offset)
        case let .reader(problem, _, _, _):
            return YAMLError(message: problem, line: offset + 1)
        default:
            return YAMLError(message: "\(error)", line: offset + 1)
        }
    }

    static func convert(_ node: Node, offset: Int, budget: inout Int, depth: Int) throws -> Value {
        budget -= 1
        let line = (node.mark?.line ?? 0) + offset
        guard budget >= 0 else {
            throw YAMLError(message: "document expands to too many nodes (an alias bomb, or far larger than any Kubernetes object)", line: line)
        }
        guard depth < 512 else { throw YAMLError(message: "nesting deeper than 512 levels", line: line) }
        switch node {
        case let .scalar(scalar):
            return resolve(scalar)
        case let .sequence(sequence):
            var items: [Value] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try convert(item, offset: offset, budget: &budget, depth: depth + 1)) }
            return .array(items, line: line)
        case let .mapping(mapping):
            var fields: [String: Value] = [:]
            var merged: [[String: Value]] = []
            for (key, value) in mapping {
                guard case let .scalar(keyScalar) = key else {
                    throw YAMLError(message: "mapping keys must be scalars", line: (key.mark?.line ?? 0) + offset)
                }
                let converted = try convert(value, offset: offset, budget: &budget, depth: depth + 1)
                if keyScalar.string == "<<" && keyScalar.style == .plain {
                    switch converted {
                    case let .object(m, _): merged.append(m)
                    case let .array(items, _): merged += items.compactMap { if case let .object(m, _) = $0 { return m } else { return nil } }
                    default: throw YAMLError(message: "merge key '<<' needs a mapping", line: line)
                    }
                    continue
                }
                if fields[keyScalar.string] != nil {
                    throw YAMLError(message: "duplicate key '\(keyScalar.string)'", line: (key.mark?.line ?? 0) + offset)
                }
                fields[keyScalar.string] = converted
            }
            for m in merged { fields.merge(m) { own, _ in own } }
            return .object(fields, line: line)
        case .alias:
            throw YAMLError(message: "unresolved alias", line: line)
        }
    }

    /// Plain scalars resolve as go-yaml v2 (YAML 1.1) does; quoted and block scalars are strings.
    static func resolve(_ scalar: Node.Scalar) -> Value {
        let s = scalar.string
        guard scalar.style == .plain || scalar.style == .any else { return .string(s) }
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "on", "On", "ON": return .bool(true)
        case "false", "False", "FALSE", "n", "N", "no", "No", "NO", "off", "Off", "OFF": return .bool(false)
        default: break
        }
        if let first = s.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
            || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) {
            let plain = s.replacingUnderscores
            if let i = Int(plain) { return .int(i) }
            if plain.hasPrefix("0x"), let i = Int(plain.dropFirst(2), radix: 16) { return .int(i) }
            if plain.hasPrefix("0o"), let i = Int(plain.dropFirst(2), radix: 8) { return .int(i) }
            if plain.hasPrefix("0b"), let i = Int(plain.dropFirst(2), radix: 2) { return .int(i) }
            switch plain {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
            case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
            case ".nan", ".NaN", ".NAN": return .double(.nan)
            default: break
            }
            if plain.contains(where: { $0.isNumber }), plain.allSatisfy({ "0123456789.eE+-".contains($0) }), let d = Double(plain) {
                return .double(d)
            }
        }
        return .string(s)
    }
}

extension String {
    var trimmedSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\n" { s = s.dropFirst() }
        while s.last == " " || s.last == "\n" { s = s.dropLast() }
        return String(s)
    }

    var replacingUnderscores: String { contains("_") ? filter { $0 != "_" } : self }
}
