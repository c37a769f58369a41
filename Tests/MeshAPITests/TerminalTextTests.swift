import MeshAPI
import Testing

/// The one sanitizer: what it escapes, how, and that it is safe to apply twice.
@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("\u{1B}[2J\u{1B}[H\u{1B}[41mHACKED", #"\e[2J\e[H\e[41mHACKED"#),
        ("line1\nline2", #"line1\nline2"#),
        ("a\tb\rc", #"a\tb\rc"#),
        ("\u{0}\u{7}\u{8}\u{1F}", #"\u0000\u0007\u0008\u001f"#),
        ("del\u{7F}", #"del\u007f"#),
        ("\u{9B}31m csi, \u{80}, \u{9F}", #"\u009b31m csi, \u0080, \u009f"#),
        ("evil\u{202E}txt.exe\u{2066}", #"evil\u202etxt.exe\u2066"#),
        ("\r\n", #"\r\n"#),
        // The bidi marks, the separators and the invisible format characters (issue 15).
        ("\u{200E}l\u{200F}r\u{61C}a", #"\u200el\u200fr\u061ca"#),
        ("one\u{2028}two\u{2029}", #"one\u2028two\u2029"#),
        ("pay\u{200B}pal\u{2060}\u{FEFF}\u{180E}\u{2064}\u{206F}\u{FFF9}", #"pay\u200bpal\u2060\ufeff\u180e\u2064\u206f\ufff9"#),
    ])
    func escapes(raw: String, shown: String) {
        #expect(TerminalText.escaped(raw) == shown)
        #expect(TerminalText.needsEscaping(raw))
    }

    @Test func printableTextIsLeftAlone() {
        for text in ["", "plain ascii ~!@#", "日本語のメタデータ", "🚀 e\u{301} ✓", #"C:\path\e[2J"#, "\u{A0}\u{A0}nbsp", "\u{200D}\u{FE0F}", "👨\u{200D}👩\u{200D}👧", "می\u{200C}خواهم"] {
            #expect(TerminalText.escaped(text) == text)
            #expect(!TerminalText.needsEscaping(text))
        }
    }

    @Test func escapingTwiceChangesNothingMore() {
        let hostile = "x\u{1B}]0;title\u{7}\u{9B}2J\n\u{202E}"
        let once = TerminalText.escaped(hostile)
        #expect(TerminalText.escaped(once) == once)
        #expect(once.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
    }

    @Test func everyEscapedScalarHasAPrintableASCIIEscape() {
        for value in UInt32(0)...0x2100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let escape = TerminalText.escape(for: scalar)
            #expect((escape != nil) == TerminalText.isEscaped(scalar))
            if let escape {
                #expect(escape.hasPrefix("\\") && escape.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F })
            }
            let controlOrDEL = value < 0x20 || (0x7F...0x9F).contains(value)
            if controlOrDEL { #expect(TerminalText.isEscaped(scalar), "U+\(String(value, radix: 16))") }
        }
    }
}
