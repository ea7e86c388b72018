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

    func render() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent)
        switch self {
        case let .string(s): out += JSONText.quote(s)
        case let .int(i): out += "\(i)"
        case let .number(d): out += d.rounded() == d && abs(d) < 1e15 ? "\(Int(d)).0" : "\(d)"
        case let .bool(b): out += b ? "true" : "false"
        case .null: out += "null"
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad + "  "
                item.write(into: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += pad + "]"
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in pairs.enumerated() {
                out += pad + "  " + JSONText.quote(key) + ": "
                value.write(into: &out, indent: indent + 1)
                out += i + 1 < pairs.count ? ",\n" : "\n"
            }
            out += pad + "}"
        }
    }
}
