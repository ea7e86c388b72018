/// The apiserver's label syntax rules (qualified names and label values).
enum LabelValidation {
    static func isNameChar(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".")
    }

    static func isAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

    /// `[prefix/]name`: name ≤ 63 of alphanumerics, '-', '_', '.', starting and ending alphanumeric;
    /// prefix a DNS subdomain.
    static func keyProblem(_ key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return "label key '\(key)' has more than one '/'" }
        let name = String(parts.last!)
        if parts.count == 2 {
            let prefix = String(parts[0])
            if prefix.isEmpty || prefix.count > 253 || !isDNSSubdomain(prefix) {
                return "label key prefix '\(prefix)' is not a DNS subdomain"
            }
        }
        if name.isEmpty || name.count > 63 { return "label key name '\(name)' must be 1–63 characters" }
        if !name.allSatisfy(isNameChar) || !isAlnum(name.first!) || !isAlnum(name.last!) {
            return "label key '\(key)' must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric"
        }
        return nil
    }

    static func valueProblem(_ value: String) -> String? {
        if value.isEmpty { return nil }
        if value.count > 63 { return "label value '\(value)' is longer than 63 characters" }
        if !value.allSatisfy(isNameChar) || !isAlnum(value.first!) || !isAlnum(value.last!) {
            return "label value '\(value)' must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric"
        }
        return nil
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
