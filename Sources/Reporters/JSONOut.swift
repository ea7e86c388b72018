/// A JSON value with ordered keys, written deterministically (two-space indent, keys in the
/// order given), for documents whose shape a schema fixes (SARIF).
indirect enum JSONOut {
    case string(String)
    case int(Int)
    case number(Double)
    case bool(Bool)
    case array([JSONOut])
    case object([(String, JSONOut)])
    case null

    static func object(_ pairs: (String, JSONOut?)...) -> JSONOut { .object(pairs.compactMap { k, v in v.map { (k, $0) } }) }

    /// Rendered into bytes: SARIF reports of large clusters run to tens of megabytes.
    func render() -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out, indent: 0)
        out.append(0x0A)
        return out
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(0x0A)
        for _ in 0..<indent { out.append(0x20); out.append(0x20) }
    }

    private func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case let .string(s): JSONText.quote(s, into: &out)
        case let .int(i): out += String(i).utf8
        case let .number(d): out += (d.rounded() == d && abs(d) < 1e15 ? "\(Int(d)).0" : "\(d)").utf8
        case let .bool(b): out += (b ? "true" : "false").utf8
        case .null: out += "null".utf8
        case let .array(items):
            if items.isEmpty { out += "[]".utf8; return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                JSONOut.newline(&out, indent + 1)
                item.write(into: &out, indent: indent + 1)
                if i + 1 < items.count { out.append(UInt8(ascii: ",")) }
            }
            JSONOut.newline(&out, indent)
            out.append(UInt8(ascii: "]"))
        case let .object(pairs):
            if pairs.isEmpty { out += "{}".utf8; return }
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in pairs.enumerated() {
                JSONOut.newline(&out, indent + 1)
                JSONText.quote(key, into: &out)
                out += ": ".utf8
                value.write(into: &out, indent: indent + 1)
                if i + 1 < pairs.count { out.append(UInt8(ascii: ",")) }
            }
            JSONOut.newline(&out, indent)
            out.append(UInt8(ascii: "}"))
        }
    }
}
