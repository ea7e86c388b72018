/// Text that XML 1.0 can carry: characters it forbids (most C0 controls, such as the ESC of an
/// ANSI colour code, and U+FFFE/U+FFFF) are removed; escaping is the writer's job.
enum XMLText {
    static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { !isAllowed($0) }) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars where isAllowed(scalar) { out.append(scalar) }
        return String(out)
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// At most `limit` characters, cut at a character boundary with an ellipsis.
    static func truncate(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }
}
