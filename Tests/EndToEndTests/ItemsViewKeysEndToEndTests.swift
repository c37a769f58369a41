import Foundation
import Testing

/// End and Home in the items view under the TERM values people run tmux with. tmux sends its own
/// sequences for them (`ESC [4~`, `ESC [1~`), which xterm-256color's terminfo does not name; they
/// used to be read as Esc and left the items view.
@Suite(.serialized) struct ItemsViewKeysEndToEndTests {
    @Test(.timeLimit(.minutes(2)), arguments: ["xterm-256color", "tmux-256color"])
    func endAndHomeMoveToTheLastAndFirstItem(terminal: String) async throws {
        let seeded = try await SeededStandIn.shared.value
        let driver = try await DashboardDriver.start(seeded, terminal: terminal)
        defer { driver.pane.kill() }
        try await driver.openFinishedBatch()

        await driver.pane.send("End")
        var screen = try await driver.pane.waitFor("End to select the last item") { screen in
            Self.selectedItemIndex(screen) != nil && Self.selectedItemIndex(screen) == Self.itemIndices(screen).last
        }
        #expect(Self.itemIndices(screen).count == 6, "all six items show")
        #expect(screen.contains("CUSTOM ID"), "still in the items view")
        let last = DashboardDriver.selectedLine(screen)

        await driver.pane.send("Home")
        screen = try await driver.pane.waitFor("Home to select the first item") { screen in
            Self.selectedItemIndex(screen) != nil && Self.selectedItemIndex(screen) == Self.itemIndices(screen).first
        }
        #expect(screen.contains("CUSTOM ID"), "still in the items view")
        #expect(DashboardDriver.selectedLine(screen) != last)
        try await driver.quit()
    }

    /// The screen lines that are item rows of the finished batch (with an outcome glyph: the line
    /// under the rows that repeats the selected item's id has none).
    static func itemIndices(_ screen: String) -> [Int] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.indices.filter { index in
            lines[index].contains("e2e-done-") && ["✓", "✗", "⊗"].contains { lines[index].contains($0) }
        }
    }

    static func selectedItemIndex(_ screen: String) -> Int? {
        guard let index = DashboardDriver.selectedRowIndex(screen), itemIndices(screen).contains(index) else { return nil }
        return index
    }
}
