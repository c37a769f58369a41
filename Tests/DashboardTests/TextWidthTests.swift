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
}
