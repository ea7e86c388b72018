import BulkheadCore

/// The `results` array of the JSON report written straight into bytes, in exactly the form
/// `JSONEncoder` gives (`.prettyPrinted`, `.sortedKeys`, `.withoutEscapingSlashes`): results are
/// nearly all of a large report, and the generic encoder spends most of the report phase on
/// them. `JSONReporterTests` compares the two byte for byte on results that set every field.
struct ResultsJSON {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// `results` as the value of a key at `indent` levels (the report's top level is 1).
    mutating func write(_ results: ArraySlice<CheckResult>, indent: Int) {
        array(results, indent: indent) { w, result, level in w.write(result, indent: level) }
    }

    // Keys in byte order, as `.sortedKeys` sorts these ASCII names; nil optionals are left out.
    private mutating func write(_ r: CheckResult, indent: Int) {
        var o = ObjectState(indent: indent)
        key("checkID", &o); string(r.checkID)
        key("evidence", &o); array(r.evidence[...], indent: indent + 1) { w, ref, level in w.write(ref, indent: level) }
        key("fingerprint", &o); string(r.fingerprint)
        key("message", &o); string(r.message)
        if let v = r.remediation { key("remediation", &o); string(v) }
        if let v = r.severity { key("severity", &o); string(v.rawValue) }
        key("status", &o); string(r.status.rawValue)
        key("subject", &o); write(r.subject, indent: indent + 1)
        if let v = r.trend { key("trend", &o); string(v) }
        key("violations", &o); array(r.violations[...], indent: indent + 1) { w, v, level in w.write(v, indent: level) }
        if let v = r.waiver { key("waiver", &o); string(v) }
        close(o)
    }

    private mutating func write(_ s: Subject, indent: Int) {
        var o = ObjectState(indent: indent)
        key("kind", &o); string(s.kind.rawValue)
        key("name", &o); string(s.name)
        if let v = s.namespace { key("namespace", &o); string(v) }
        close(o)
    }

    private mutating func write(_ ref: ObjectRef, indent: Int) {
        var o = ObjectState(indent: indent)
        key("kind", &o); string(ref.kind)
        key("name", &o); string(ref.name)
        if let v = ref.namespace { key("namespace", &o); string(v) }
        close(o)
    }

    private mutating func write(_ v: Violation, indent: Int) {
        var o = ObjectState(indent: indent)
        if let e = v.excerpt { key("excerpt", &o); string(e) }
        if let p = v.fieldPath { key("fieldPath", &o); string(p) }
        key("message", &o); string(v.message)
        if let ref = v.object { key("object", &o); write(ref, indent: indent + 1) }
        key("related", &o); array(v.related[...], indent: indent + 1) { w, ref, level in w.write(ref, indent: level) }
        if let s = v.source { key("source", &o); write(s, indent: indent + 1) }
        close(o)
    }

    private mutating func write(_ s: SourceLocation, indent: Int) {
        var o = ObjectState(indent: indent)
        key("document", &o); int(s.document)
        key("file", &o); string(s.file)
        key("line", &o); int(s.line)
        close(o)
    }

    private struct ObjectState {
        var indent: Int
        var first = true
    }

    private mutating func key(_ name: StaticString, _ o: inout ObjectState) {
        if o.first {
            bytes.append(UInt8(ascii: "{"))
            o.first = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
        newline(o.indent + 1)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: Self.keyEnd)
    }

    private mutating func close(_ o: ObjectState) {
        if o.first { bytes.append(contentsOf: [UInt8(ascii: "{"), 0x0A]) }
        newline(o.indent)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func array<Element>(_ items: ArraySlice<Element>, indent: Int,
                                         _ element: (inout ResultsJSON, Element, Int) -> Void) {
        bytes.append(UInt8(ascii: "["))
        if items.isEmpty { bytes.append(0x0A) }
        var first = true
        for item in items {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            newline(indent + 1)
            element(&self, item, indent + 1)
        }
        newline(indent)
        bytes.append(UInt8(ascii: "]"))
    }

    /// A newline and up to 32 levels of indentation, appended as one slice.
    private static let indentation: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 64)

    private mutating func newline(_ indent: Int) {
        if indent <= 32 {
            bytes.append(contentsOf: Self.indentation[0..<(1 + 2 * indent)])
        } else {
            bytes.append(0x0A)
            for _ in 0..<indent { bytes.append(0x20); bytes.append(0x20) }
        }
    }

    private mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    private static let hex = Array("0123456789abcdef".utf8)
    private static let keyEnd = Array("\" : ".utf8)

    private mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = s
        text.withUTF8 { utf8 in
            // Runs that need no escape (nearly all text) are copied whole.
            var run = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                escape(b)
                run = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ b: UInt8) {
        switch b {
        case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, UInt8(ascii: "\"")])
        case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        default:
            bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      Self.hex[Int(b >> 4)], Self.hex[Int(b & 0x0F)]])
        }
    }
}
