import BulkheadCore

/// A JSON parser into `Value` that tracks lines for error messages and can skip fields the
/// scanner never reads (managedFields is often most of a live object's bytes).
public struct JSONReader: Sendable {
    public struct ParseError: Error, CustomStringConvertible {
        public var message: String
        public var line: Int
        public var description: String { "line \(line): \(message)" }
    }

    /// Where a value sits, as far as skipping goes. Fields are skipped only where the API puts
    /// them (managedFields in metadata, probes in a container, …), never by name alone: inside a
    /// map whose keys users choose (labels, annotations, matchLabels, a Service selector), `env`
    /// or `command` is an ordinary key and must be read.
    enum Place: Sendable {
        case other, metadata, spec, status
        /// The list of a pod spec's containers: its elements are containers.
        case containers
        case container

        /// The place of the value under `key`.
        static func of(_ key: String) -> Place {
            switch key {
            case "metadata": return .metadata
            case "spec": return .spec
            case "status": return .status
            case "containers", "initContainers", "ephemeralContainers": return .containers
            default: return .other
            }
        }

        /// Fields Bulkhead never reads, which on live objects are most of the bytes.
        var skipped: Set<String> {
            switch self {
            case .metadata: return ["managedFields"]
            case .status: return ["conditions", "containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"]
            case .spec: return ["volumes", "tolerations", "affinity", "topologySpreadConstraints", "imagePullSecrets", "dnsConfig", "readinessGates"]
            case .container: return ["volumeMounts", "resources", "env", "envFrom", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle",
                                     "args", "command"]
            case .other, .containers: return []
            }
        }
    }

    static let skipMetadata = Place.metadata.skipped
    static let skipStatus = Place.status.skipped
    static let skipSpec = Place.spec.skipped
    static let skipContainer = Place.container.skipped
    static let skipFilter = SkipFilter(skipMetadata.union(skipStatus).union(skipSpec).union(skipContainer))

    static func skips(_ key: String, in place: Place) -> Bool {
        guard place != .other, skipFilter.mayContain(key) else { return false }
        switch place {
        case .metadata: return skipMetadata.contains(key)
        case .status: return skipStatus.contains(key)
        case .spec: return skipSpec.contains(key)
        case .container: return skipContainer.contains(key)
        case .other, .containers: return false
        }
    }

    /// Which (first byte, length) pairs a skipped key has: nearly every key fails this test, so
    /// a set is only hashed for the few that pass.
    struct SkipFilter: Sendable {
        private var masks = [UInt64](repeating: 0, count: 256)

        init(_ keys: Set<String>) {
            for key in keys {
                let utf8 = Array(key.utf8)
                guard let first = utf8.first else { continue }
                masks[Int(first)] |= 1 << UInt64(min(utf8.count, 63))
            }
        }

        func mayContain(_ key: String) -> Bool {
            let utf8 = key.utf8
            guard let first = utf8.first else { return true }
            return masks[Int(first)] & (1 << UInt64(min(utf8.count, 63))) != 0
        }
    }

    /// Nesting deeper than this is rejected rather than risking the stack.
    public var maxDepth = 512

    public init() {}

    public func parse(_ bytes: [UInt8]) throws -> Value {
        try bytes.withUnsafeBufferPointer { try parse($0) }
    }

    public func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws -> Value {
        var state = State(bytes: buffer, maxDepth: maxDepth)
        state.skipWhitespace()
        let value = try state.parseValue(depth: 0)
        state.skipWhitespace()
        if state.pos < buffer.count { throw state.error("unexpected content after the JSON value") }
        return value
    }

    /// Where a List item starts, and on which line: enough to parse it on its own.
    public struct ItemSpan: Sendable {
        public var start: Int
        public var line: Int
    }

    /// For a document whose top level is an object with an `items` array (a List): the top
    /// level without `items`, and where each item starts. Items are only skipped here (their
    /// syntax checked) so that they can be parsed apart, on several threads, with `parseItem`;
    /// a large List is never held in memory as a tree. Nil for any other document.
    public func splitList(_ buffer: UnsafeBufferPointer<UInt8>) throws -> (root: Value, items: [ItemSpan])? {
        var spans: [ItemSpan]?
        guard let root = try walkList(buffer, items: { spans = try $0.itemSpans() }), let spans else { return nil }
        return (root, spans)
    }

    /// The top level of a List, handing its items array to `items` at the `[` (which must
    /// leave the state after the `]`); returns the top level without the items. Nil for a
    /// document that is not an object with an items array.
    func walkList(_ buffer: UnsafeBufferPointer<UInt8>, items: (inout State) throws -> Void) throws -> Value? {
        var state = State(bytes: buffer, maxDepth: maxDepth)
        state.skipWhitespace()
        guard state.pos < buffer.count, buffer[state.pos] == UInt8(ascii: "{") else { return nil }
        let startLine = state.line
        state.pos += 1
        var fields: [String: Value] = [:]
        var sawItems = false
        state.skipWhitespace()
        if state.pos < buffer.count, buffer[state.pos] == UInt8(ascii: "}") { return nil }
        while true {
            state.skipWhitespace()
            guard state.pos < buffer.count, buffer[state.pos] == UInt8(ascii: "\"") else { throw state.error("expected a string key") }
            let key = try state.parseString()
            try state.expect(UInt8(ascii: ":"), "':'")
            state.skipWhitespace()
            if key == "items", state.pos < buffer.count, buffer[state.pos] == UInt8(ascii: "[") {
                try items(&state)
                sawItems = true
                fields[key] = .array([], line: startLine)
            } else {
                fields[key] = try state.parseValue(depth: 1, place: .of(key))
            }
            state.skipWhitespace()
            guard state.pos < buffer.count else { throw state.error("unexpected end of input in an object") }
            if buffer[state.pos] == UInt8(ascii: ",") { state.pos += 1; continue }
            if buffer[state.pos] == UInt8(ascii: "}") { state.pos += 1; break }
            throw state.error("expected ',' or '}'")
        }
        state.skipWhitespace()
        if state.pos < buffer.count { throw state.error("unexpected content after the JSON value") }
        return sawItems ? .object(fields, line: startLine) : nil
    }

    /// One List item found by `splitList`.
    public func parseItem(_ bytes: [UInt8], at span: ItemSpan) throws -> Value {
        try bytes.withUnsafeBufferPointer { try parseItem($0, at: span) }
    }

    public func parseItem(_ buffer: UnsafeBufferPointer<UInt8>, at span: ItemSpan) throws -> Value {
        try parseItemAndEnd(buffer, at: span).value
    }

    /// The item, and where the parse stopped (just after it).
    func parseItemAndEnd(_ buffer: UnsafeBufferPointer<UInt8>, at span: ItemSpan) throws -> (value: Value, end: ItemSpan) {
        var state = State(bytes: buffer, maxDepth: maxDepth)
        state.pos = span.start
        state.line = span.line
        let value = try state.parseValue(depth: 2)
        return (value, ItemSpan(start: state.pos, line: state.line))
    }

    struct State {
        let bytes: UnsafeBufferPointer<UInt8>
        let maxDepth: Int
        var pos = 0
        var line = 1

        init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        func error(_ message: String) -> ParseError { ParseError(message: message, line: line) }

        mutating func skipWhitespace() {
            while pos < bytes.count {
                switch bytes[pos] {
                case 0x0A: line += 1; pos += 1
                case 0x20, 0x09, 0x0D: pos += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws {
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == byte else {
                throw error(pos < bytes.count ? "expected \(what)" : "unexpected end of input, expected \(what)")
            }
            pos += 1
        }

        mutating func parseValue(depth: Int, place: Place = .other) throws -> Value {
            skipWhitespace()
            guard pos < bytes.count else { throw error("unexpected end of input") }
            guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
            switch bytes[pos] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth, place: place)
            case UInt8(ascii: "["): return try parseArray(depth: depth, elements: place == .containers ? .container : .other)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            default: throw error("unexpected character '\(Character(Unicode.Scalar(bytes[pos])))'")
            }
        }

        /// At an array's `[`: skips its items, recording where each starts.
        mutating func itemSpans() throws -> [ItemSpan] {
            pos += 1
            var spans: [ItemSpan] = []
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return spans }
            while true {
                skipWhitespace()
                spans.append(ItemSpan(start: pos, line: line))
                try skipValue(depth: 2)
                skipWhitespace()
                guard pos < bytes.count else { throw error("unexpected end of input in an array") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "]") { pos += 1; return spans }
                throw error("expected ',' or ']'")
            }
        }

        mutating func literal(_ word: StaticString) throws {
            let n = word.utf8CodeUnitCount
            guard pos + n <= bytes.count else { throw error("unexpected end of input") }
            for i in 0..<n where bytes[pos + i] != word.utf8Start[i] { throw error("invalid literal") }
            pos += n
        }

        mutating func parseObject(depth: Int, place: Place) throws -> Value {
            let startLine = line
            pos += 1
            var fields: [String: Value] = [:]
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(fields, line: startLine) }
            while true {
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let key = try parseString()
                try expect(UInt8(ascii: ":"), "':'")
                if JSONReader.skips(key, in: place) {
                    try skipValue(depth: depth + 1)
                } else {
                    fields[key] = try parseValue(depth: depth + 1, place: .of(key))
                }
                skipWhitespace()
                guard pos < bytes.count else { throw error("unexpected end of input in an object") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(fields, line: startLine) }
                throw error("expected ',' or '}'")
            }
        }

        mutating func parseArray(depth: Int, elements: Place) throws -> Value {
            let startLine = line
            pos += 1
            var items: [Value] = []
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items, line: startLine) }
            while true {
                items.append(try parseValue(depth: depth + 1, place: elements))
                skipWhitespace()
                guard pos < bytes.count else { throw error("unexpected end of input in an array") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items, line: startLine) }
                throw error("expected ',' or ']'")
            }
        }

        /// Skips a value while still checking its syntax.
        mutating func skipValue(depth: Int) throws {
            skipWhitespace()
            guard pos < bytes.count else { throw error("unexpected end of input") }
            guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
            switch bytes[pos] {
            case UInt8(ascii: "{"):
                pos += 1
                skipWhitespace()
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return }
                while true {
                    skipWhitespace()
                    guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                    try skipString()
                    try expect(UInt8(ascii: ":"), "':'")
                    try skipValue(depth: depth + 1)
                    skipWhitespace()
                    guard pos < bytes.count else { throw error("unexpected end of input in an object") }
                    if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                    if bytes[pos] == UInt8(ascii: "}") { pos += 1; return }
                    throw error("expected ',' or '}'")
                }
            case UInt8(ascii: "["):
                pos += 1
                skipWhitespace()
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return }
                while true {
                    try skipValue(depth: depth + 1)
                    skipWhitespace()
                    guard pos < bytes.count else { throw error("unexpected end of input in an array") }
                    if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                    if bytes[pos] == UInt8(ascii: "]") { pos += 1; return }
                    throw error("expected ',' or ']'")
                }
            case UInt8(ascii: "\""):
                try skipString()
            default:
                _ = try parseValue(depth: depth)
            }
        }

        /// Skips 8 bytes at a time while none of them is special, as most string bytes are not.
        mutating func skipPlainWords(alsoNonASCII: Bool) {
            guard let base = bytes.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            let count = bytes.count
            while pos + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self)
                if StringBytes.hasSpecial(word, alsoNonASCII: alsoNonASCII) { return }
                pos += 8
            }
        }

        mutating func skipString() throws {
            pos += 1
            while pos < bytes.count {
                skipPlainWords(alsoNonASCII: false)
                guard pos < bytes.count else { break }
                let b = bytes[pos]
                if b == UInt8(ascii: "\"") { pos += 1; return }
                if b == UInt8(ascii: "\\") { pos += 2; continue }
                if b < 0x20 { throw error("control character in a string") }
                pos += 1
            }
            throw error("unterminated string")
        }

        mutating func parseString() throws -> String {
            pos += 1
            let start = pos
            // Fast path: no escapes (and for ASCII, which nearly every Kubernetes string is, no
            // UTF-8 validation either).
            var ascii = true
            while pos < bytes.count {
                skipPlainWords(alsoNonASCII: ascii)
                guard pos < bytes.count else { break }
                let b = bytes[pos]
                if b == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<pos])
                    pos += 1
                    if ascii { return String(decoding: slice, as: UTF8.self) }
                    guard let s = String(validating: slice, as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
                    return s
                }
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 { throw error("control character in a string") }
                if b >= 0x80 { ascii = false }
                pos += 1
            }
            var out = [UInt8](bytes[start..<pos])
            while pos < bytes.count {
                let b = bytes[pos]
                if b == UInt8(ascii: "\"") {
                    pos += 1
                    guard let s = String(validating: out, as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
                    return s
                }
                if b < 0x20 { throw error("control character in a string") }
                if b != UInt8(ascii: "\\") { out.append(b); pos += 1; continue }
                pos += 1
                guard pos < bytes.count else { break }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired surrogate in a string")
                        }
                        pos += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid surrogate pair in a string") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error("unpaired surrogate in a string")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("invalid escape in a string") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default: throw error("invalid escape in a string")
                }
            }
            throw error("unterminated string")
        }

        mutating func hex4() throws -> UInt32 {
            guard pos + 4 <= bytes.count else { throw error("unterminated \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[pos]
                let d: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
                default: throw error("invalid \\u escape")
                }
                v = v << 4 | d
                pos += 1
            }
            return v
        }

        mutating func parseNumber() throws -> Value {
            let start = pos
            if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            var isInteger = true
            while pos < bytes.count {
                let b = bytes[pos]
                if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") { pos += 1; continue }
                if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") || b == UInt8(ascii: "+")
                    || b == UInt8(ascii: "-") {
                    isInteger = false
                    pos += 1
                    continue
                }
                break
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
            if isInteger, let i = Int(text) { return .int(i) }
            guard let d = Double(text), d.isFinite else { throw error("invalid number '\(text.prefix(40))'") }
            return .double(d)
        }
    }
}

/// Word-at-a-time tests on string bytes (the classic "has a zero byte" bit tricks): exact for
/// whether any of the eight bytes is special, which is all the callers ask.
enum StringBytes {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    static func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }

    /// A quote, a backslash or a control character (and, when asked, a byte of a multi-byte character).
    @inline(__always)
    static func hasSpecial(_ word: UInt64, alsoNonASCII: Bool) -> Bool {
        let quote = hasZeroByte(word ^ (ones &* 0x22))
        let backslash = hasZeroByte(word ^ (ones &* 0x5C))
        // Bytes below 0x20: subtracting 0x20 borrows into the high bit only for them (and for
        // bytes with the high bit already set, which ~word excludes).
        let control = (word &- ones &* 0x20) & ~word & highs != 0
        return quote || backslash || control || (alsoNonASCII && word & highs != 0)
    }
}
