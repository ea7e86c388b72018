@testable import BulkheadScanner
import Testing

/// The word-at-a-time string scan must flag a word exactly when a byte-at-a-time scan would.
@Suite struct StringBytesTests {
    static func naive(_ word: UInt64, alsoNonASCII: Bool) -> Bool {
        (0..<8).contains { i in
            let b = UInt8(truncatingIfNeeded: word >> (8 * UInt64(i)))
            return b == 0x22 || b == 0x5C || b < 0x20 || (alsoNonASCII && b >= 0x80)
        }
    }

    @Test func everyByteValueAtEveryPosition() {
        for filler in [UInt8(ascii: "a"), 0x20, 0x7F, 0xC3, 0x21, 0x5B, 0x5D] {
            for position in 0..<8 {
                for value in 0...255 {
                    var word: UInt64 = 0
                    for i in 0..<8 { word |= UInt64(i == position ? UInt8(value) : filler) << (8 * UInt64(i)) }
                    for nonASCII in [false, true] {
                        #expect(StringBytes.hasSpecial(word, alsoNonASCII: nonASCII) == Self.naive(word, alsoNonASCII: nonASCII),
                                "byte \(value) at \(position) among \(filler)")
                    }
                }
            }
        }
    }

    @Test func randomWords() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200_000 {
            let word = rng.next()
            for nonASCII in [false, true] where StringBytes.hasSpecial(word, alsoNonASCII: nonASCII) != Self.naive(word, alsoNonASCII: nonASCII) {
                Issue.record("word \(String(word, radix: 16))")
            }
        }
    }

    @Test func stringsAcrossWordBoundariesParseAsBefore() throws {
        for length in 0..<40 {
            for special in ["", "\\n", "\\\"", "é", "\\u00e9"] {
                let body = String(repeating: "x", count: length) + special + String(repeating: "y", count: length % 9)
                let value = try JSONReader().parse(Array("[\"\(body)\", 1]".utf8))
                let expected = String(repeating: "x", count: length) + ["": "", "\\n": "\n", "\\\"": "\"", "é": "é", "\\u00e9": "é"][special]!
                    + String(repeating: "y", count: length % 9)
                guard case let .array(items, _) = value, case let .string(s) = items.first else { Issue.record("not parsed"); continue }
                #expect(s == expected)
            }
        }
    }
}
