/// Text that XML 1.0 can carry: characters it forbids (most C0 controls, such as the ESC of an
/// ANSI colour code, and U+FFFE/U+FFFF) are removed; escaping is the writer's job.
enum XMLText {
    static func clean(_ s: String) -> String {
        // Only a byte below 0x20 or the lead byte of U+F000…U+FFFF can start a forbidden
        // character: text without them (nearly all) needs no look at its characters.
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0xEF }),
              s.unicodeScalars.contains(where: { !isAllowed($0) }) else { return s }
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
        // No more bytes than the limit means no more characters either.
        s.utf8.count <= limit || s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }
}
