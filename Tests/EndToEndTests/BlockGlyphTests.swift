import Testing
import TerminalUI

/// The glyphs `Terminal` never draws in reverse video: reversed, they paint their cell in the
/// background colour (issue 16 item 1).
@Suite struct BlockGlyphTests {
    @Test(arguments: ["█", "▓", "▒", "░", "▀", "▄", "▌", "▐", "■", "▪", "▮"])
    func cellFillingGlyphs(glyph: String) {
        #expect(BlockGlyph.fillsCell(glyph))
    }

    @Test(arguments: ["·", " ", "a", "›", "✓", "✗", "□", "▶", "◌", "██", "█\u{301}"])
    func glyphsThatLeaveTheirBackground(glyph: String) {
        #expect(!BlockGlyph.fillsCell(glyph))
    }
}
