@testable import Reporters
import Testing

/// What XML 1.0 cannot carry is removed, everything else kept, whichever path the text takes.
@Suite struct XMLTextTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("tab\tnew\nline\rreturn", "tab\tnew\nline\rreturn"),
        ("\u{1B}[31mred\u{1B}[0m", "[31mred[0m"),
        ("nul\u{0}bell\u{7}", "nulbell"),
        ("not a char: \u{FFFE}\u{FFFF}, replacement kept: \u{FFFD}", "not a char: , replacement kept: \u{FFFD}"),
        ("é € 🛡 \u{F000} \u{E000}", "é € 🛡 \u{F000} \u{E000}"),
    ])
    func forbiddenCharactersAreRemoved(_ input: String, _ expected: String) {
        #expect(XMLText.clean(input) == expected)
    }

    @Test func truncationCountsCharactersNotBytes() {
        #expect(XMLText.truncate("ééé", 3) == "ééé")
        #expect(XMLText.truncate("éééé", 3) == "éé…")
        #expect(XMLText.truncate("abc", 3) == "abc")
        #expect(XMLText.truncate("abcd", 3) == "ab…")
    }
}
