/// The apiserver's label syntax rules (qualified names and label values).
enum LabelValidation {
    static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    static func isNameByte(_ b: UInt8) -> Bool { isAlnum(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") }

    /// 1–63 of alphanumerics, '-', '_', '.', starting and ending alphanumeric. On bytes: every
    /// label of every object passes through here.
    static func isName<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard let first = bytes.first, bytes.count <= 63, isAlnum(first) else { return false }
        var last = first
        for b in bytes {
            guard isNameByte(b) else { return false }
            last = b
        }
        return isAlnum(last)
    }

    /// `[prefix/]name`: name ≤ 63 of alphanumerics, '-', '_', '.', starting and ending alphanumeric;
    /// prefix a DNS subdomain.
    static func keyProblem(_ key: String) -> String? {
        let utf8 = key.utf8
        let slash = utf8.firstIndex(of: UInt8(ascii: "/"))
        if let slash {
            let prefix = String(key[..<slash])
            if utf8[utf8.index(after: slash)...].contains(UInt8(ascii: "/")) { return "label key '\(key)' has more than one '/'" }
            if prefix.isEmpty || prefix.utf8.count > 253 || !isDNSSubdomain(prefix) {
                return "label key prefix '\(prefix)' is not a DNS subdomain"
            }
        }
        let name = slash.map { utf8[utf8.index(after: $0)...] } ?? utf8[...]
        if name.isEmpty || (name.count > 63 && Substring(name).count > 63) { return "label key name '\(String(Substring(name)))' must be 1–63 characters" }
        if !isName(name) {
            return "label key '\(key)' must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric"
        }
        return nil
    }

    static func valueProblem(_ value: String) -> String? {
        if value.isEmpty { return nil }
        if value.utf8.count > 63 && value.count > 63 { return "label value '\(value)' is longer than 63 characters" }
        if !isName(value.utf8) {
            return "label value '\(value)' must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric"
        }
        return nil
    }

    /// The problem of the first invalid label in key order (so that the same input always names
    /// the same label), or nil when all are valid.
    static func firstProblem(_ labels: [String: String]) -> (key: String, problem: String)? {
        var first: (key: String, problem: String)?
        for (key, value) in labels {
            guard first == nil || key < first!.key, let problem = keyProblem(key) ?? valueProblem(value) else { continue }
            first = (key, problem)
        }
        return first
    }

    static func isDNSSubdomain(_ s: String) -> Bool {
        s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
                && label.first != "-" && label.last != "-"
        }
    }

    /// IANA_SVC_NAME: ≤ 15 lowercase alphanumerics or '-', at least one letter, no leading,
    /// trailing or double '-'.
    static func portNameProblem(_ name: String) -> String? {
        let ok = !name.isEmpty && name.count <= 15
            && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
            && name.contains { $0.isLetter } && !name.hasPrefix("-") && !name.hasSuffix("-") && !name.contains("--")
        return ok ? nil : "'\(name)' is not a valid port name (at most 15 lowercase letters, digits or '-', with at least one letter)"
    }
}
