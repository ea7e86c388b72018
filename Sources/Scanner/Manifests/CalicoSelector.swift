import BulkheadCore

/// Calico's selector expressions (`app == 'web' && has(tier)`, `role in {'a', 'b'}`, `all()`),
/// parsed into a ForeignPolicy.Selector.
struct CalicoSelector {
    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// How a key maps to what it tests: pod labels, or (in a namespaceSelector) namespace labels.
    enum Target { case pod, namespace }

    let text: [Character]
    var pos = 0
    let target: Target

    static func parse(_ source: String, target: Target) throws -> ForeignPolicy.Selector {
        var p = CalicoSelector(text: Array(source), target: target)
        p.skip()
        if p.pos == p.text.count { return .all }
        let e = try p.orExpr()
        p.skip()
        guard p.pos == p.text.count else { throw ParseError(message: "unexpected '\(String(p.text[p.pos...]))' in selector \"\(source)\"") }
        return e
    }

    mutating func skip() { while pos < text.count, text[pos].isWhitespace { pos += 1 } }

    mutating func eat(_ s: String) -> Bool {
        skip()
        let chars = Array(s)
        guard pos + chars.count <= text.count, Array(text[pos..<pos + chars.count]) == chars else { return false }
        pos += chars.count
        return true
    }

    mutating func orExpr() throws -> ForeignPolicy.Selector {
        var parts = [try andExpr()]
        while eat("||") { parts.append(try andExpr()) }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    mutating func andExpr() throws -> ForeignPolicy.Selector {
        var parts = [try unary()]
        while eat("&&") { parts.append(try unary()) }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    mutating func unary() throws -> ForeignPolicy.Selector {
        if eat("!") && !peekIs("=") { return .not(try unary()) }
        return try primary()
    }

    func peekIs(_ c: Character) -> Bool { pos < text.count && text[pos] == c }

    mutating func primary() throws -> ForeignPolicy.Selector {
        if eat("(") {
            let e = try orExpr()
            guard eat(")") else { throw ParseError(message: "missing ')'") }
            return e
        }
        if eat("all()") { return .all }
        if eat("global()") { return .all }
        if eat("has(") {
            let key = try readKey()
            guard eat(")") else { throw ParseError(message: "missing ')' after has(\(key)") }
            return test(key, .exists, [])
        }
        let key = try readKey()
        if eat("==") { return test(key, .in, [try readValue()]) }
        if eat("!=") { return test(key, .notIn, [try readValue()]) }
        if eat("not in") { return test(key, .notIn, try readSet()) }
        if eat("in") { return test(key, .in, try readSet()) }
        throw ParseError(message: "unsupported operator after '\(key)' (supported: ==, !=, in, not in, has(), all())")
    }

    func test(_ key: String, _ op: LabelSelector.Operator, _ values: [String]) -> ForeignPolicy.Selector {
        switch (target, key) {
        case (.pod, "projectcalico.org/namespace"), (.namespace, "projectcalico.org/name"): return .namespaceName(op, values)
        case (.namespace, _): return .namespaceLabel(key, op, values)
        case (.pod, _): return .label(key, op, values)
        }
    }

    mutating func readKey() throws -> String {
        skip()
        let start = pos
        while pos < text.count, text[pos].isLetter || text[pos].isNumber || "./-_".contains(text[pos]) { pos += 1 }
        guard pos > start else { throw ParseError(message: "expected a label key at '\(String(text[pos...]))'") }
        return String(text[start..<pos])
    }

    mutating func readValue() throws -> String {
        skip()
        guard pos < text.count, text[pos] == "'" || text[pos] == "\"" else { throw ParseError(message: "expected a quoted value") }
        let quote = text[pos]
        pos += 1
        let start = pos
        while pos < text.count, text[pos] != quote { pos += 1 }
        guard pos < text.count else { throw ParseError(message: "unterminated string") }
        defer { pos += 1 }
        return String(text[start..<pos])
    }

    mutating func readSet() throws -> [String] {
        guard eat("{") else { throw ParseError(message: "expected '{' after in") }
        var values: [String] = []
        if eat("}") { return values }
        repeat { values.append(try readValue()) } while eat(",")
        guard eat("}") else { throw ParseError(message: "expected '}'") }
        return values
    }
}
