import Foundation
import Testing
import TerminalUI
import MeshtopTestSupport

/// The theme files in themes/ are the ones users read and copy; the binary carries the same text
/// built in. These tests keep the two equal and check how a broken user theme is reported.
@Suite struct ThemeFilesTests {
    /// Every file in themes/: one added is checked too.
    static var names: [String] {
        let folder = MeshtopBinary.packageRoot.appendingPathComponent("themes").path
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The built-in themes are exactly the files (generated from them by the EmbedThemes plugin):
    /// default first, the rest by name.
    @Test func theBuiltInThemesAreTheFiles() {
        #expect(Self.names.count >= 5)
        #expect(ThemeLoader(userDirectory: nil).availableNames == ["default"] + Self.names.filter { $0 != "default" })
    }

    @Test(arguments: names) func shippedFileMatchesTheBuiltInTheme(name: String) throws {
        let file = MeshtopBinary.packageRoot.appendingPathComponent("themes/\(name).toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let parsed = try ThemeParser.parse(text, name: name)
        let builtIn = ThemeLoader(userDirectory: nil).load(name)
        #expect(builtIn.warning == nil)
        #expect(builtIn.theme == parsed, "themes/\(name).toml and BuiltinThemes.swift differ")
    }

    @Test func brokenUserThemeNamesTheFileAndFallsBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "[normal]\nfg = \"#12345\"\n".write(to: directory.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try "[normal\nfg = 1\n".write(to: directory.appendingPathComponent("syntax.toml"), atomically: true, encoding: .utf8)
        let loader = ThemeLoader(userDirectory: directory)
        #expect(loader.availableNames.contains("mine"))
        let bad = loader.load("mine")
        #expect(bad.theme.name == "default")
        #expect(bad.warning?.contains("mine.toml") == true)
        #expect(bad.warning?.contains("fg") == true)
        let syntax = loader.load("syntax")
        #expect(syntax.warning?.contains("syntax.toml") == true)
        #expect(syntax.warning?.contains("line") == true)
        #expect(loader.load("nope").warning?.contains("not found") == true)
    }

    @Test func colourMappingPicksTheNearestAvailableColour() {
        #expect(ColorMapper(colors: 256).index(for: .rgb(red: 255, green: 0, blue: 0)) == 9 || ColorMapper(colors: 256).index(for: .rgb(red: 255, green: 0, blue: 0)) == 196)
        #expect(ColorMapper(colors: 8).index(for: .rgb(red: 250, green: 10, blue: 10)) == 1)
        #expect(ColorMapper(colors: 8).index(for: .index(9)) == 1)
        #expect(ColorMapper(colors: 256).index(for: .terminalDefault) == -1)
        #expect(ColorMapper(colors: 16).index(for: .rgb(red: 0, green: 0, blue: 0)) == 0)
    }
}
