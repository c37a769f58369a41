import MeshAPI
import Testing
@testable import Dashboard

@Suite struct TextWidthTests {
    @Test func widths() {
        #expect(TextWidth.of("abc") == 3)
        #expect(TextWidth.of("日本") == 4)
        #expect(TextWidth.of("🚀") == 2)
        #expect(TextWidth.of("é") == 1)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("✓") == 1)
    }

    @Test func truncationStopsAtAColumnBoundary() {
        #expect(TextWidth.truncate("日本語のメタデータ", to: 6) == "日本…")
        #expect(TextWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(TextWidth.truncate("abc", to: 3) == "abc")
        #expect(TextWidth.fit("日本語", to: 5) == "日本…")
        #expect(TextWidth.fit("日本", to: 5) == "日本 ")
    }

    @Test func wideCharactersTakeAContinuationCell() {
        var screen = Screen(width: 6, height: 1)
        screen.write("a日b", row: 0, column: 0)
        #expect(screen[0, 1].text == "日" && screen[0, 2].continuation)
        #expect(renderPlainText(screen) == "a日b\n")
    }

    /// A control character is measured, cut and drawn as its visible escape, never as itself:
    /// metadata and custom_ids come from anyone with a team key.
    @Test func controlCharactersAreMeasuredAndDrawnAsTheirEscapes() {
        let hostile = "\u{1B}[2J\u{1B}[41mHACKED\n\u{9B}x"
        let shown = #"\e[2J\e[41mHACKED\n\u009bx"#
        #expect(TextWidth.of(hostile) == shown.utf8.count)
        #expect(TextWidth.of("\u{1B}") == 2 && TextWidth.of("\r\n") == 4 && TextWidth.of("\u{7F}") == 6)
        #expect(TextWidth.truncate(hostile, to: 100) == shown)
        #expect(TextWidth.truncate(hostile, to: 8) == #"\e[2J\e"# + "…")
        #expect(TextWidth.fit("日\u{1B}", to: 6) == "日\\e  ")
        var screen = Screen(width: 40, height: 2)
        screen.write(hostile, row: 0, column: 0)
        screen.write("id\u{1B}[31m", row: 1, column: 0, fitting: 12, role: .normal, limit: 40)
        let text = renderPlainText(screen)
        #expect(text == shown + "\n" + #"id\e[31m"# + "\n")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
    }

    /// Invisible format characters and bidi marks are drawn escaped, as TAB is, and measured as their
    /// escapes: "pay\u{200B}pal" no longer looks like "paypal" on screen.
    @Test func invisibleFormatCharactersAreShownEscaped() {
        let hostile = "pay\u{200B}pal\u{200E}\u{2028}x\u{FEFF}"
        let shown = #"pay\u200bpal\u200e\u2028x\ufeff"#
        #expect(TextWidth.of(hostile) == shown.utf8.count)
        var screen = Screen(width: 40, height: 1)
        screen.write(hostile, row: 0, column: 0)
        #expect(renderPlainText(screen) == shown + "\n")
    }

    /// The table for scalars below U+3000 agrees with the general rules, controls included.
    @Test func smallScalarTableAgreesWithTheEscapes() {
        for value in 0..<0xA0 {
            let scalar = Unicode.Scalar(UInt8(value))
            let expected = TerminalText.escape(for: scalar)?.utf8.count ?? 1
            #expect(TextWidth.of(Character(scalar)) == expected, "U+\(String(value, radix: 16))")
        }
    }
}
