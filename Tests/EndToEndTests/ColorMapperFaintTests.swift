import Testing
import TerminalUI

/// A foreground the palette would put on its own background is drawn faint in the terminal's own
/// colour instead: on xterm's 8 colours the default theme's `bright-black` (ages, the bars' to-do
/// dots) folded onto black and vanished on a dark background.
@Suite struct ColorMapperFaintTests {
    @Test func brightBlackOnEightColoursIsTheDefaultColourDrawnFaint() {
        let style = RoleStyle(foreground: .index(8))
        #expect(ColorMapper(colors: 8).pair(for: style) == (-1, -1, true))
        #expect(ColorMapper(colors: 16).pair(for: style) == (8, -1, false))
        #expect(ColorMapper(colors: 256).pair(for: style) == (8, -1, false))
    }

    @Test func darkGreyOnNearBlackIsFaintWhereThePaletteMergesThem() {
        // The dark theme's to-do dots: #4e4e4e on #1c1c1c. With 8 colours both are black.
        let style = RoleStyle(foreground: .rgb(red: 0x4e, green: 0x4e, blue: 0x4e), background: .rgb(red: 0x1c, green: 0x1c, blue: 0x1c))
        #expect(ColorMapper(colors: 8).pair(for: style) == (-1, 0, true))
        #expect(ColorMapper(colors: 256).pair(for: style).faint == false)
    }

    @Test func coloursThePaletteKeepsApartAreLeftAlone() {
        #expect(ColorMapper(colors: 8).pair(for: RoleStyle(foreground: .index(2))) == (2, -1, false))
        // Black asked for by name is black: the theme meant it.
        #expect(ColorMapper(colors: 8).pair(for: RoleStyle(foreground: .index(0))) == (0, -1, false))
        #expect(ColorMapper(colors: 8).pair(for: RoleStyle(foreground: .index(0), background: .index(0))) == (0, 0, false))
    }
}
