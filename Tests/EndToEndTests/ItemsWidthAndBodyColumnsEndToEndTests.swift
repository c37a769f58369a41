import Foundation
import Testing

/// Issue 16, items 6 and 14, as seen on screen: the items screen at 200 columns sizes CUSTOM ID to
/// the ids and shows the start of each succeeded item's answer; the unwrapped body view scrolls
/// sideways only as far as its longest line, says which columns show, and ← at column 1 goes back.
@Suite(.serialized) struct ItemsWidthAndBodyColumnsEndToEndTests {
    @Test(.timeLimit(.minutes(2)))
    func itemsAt200ColumnsShowTheAnswerBesideANarrowID() async throws {
        try await DashboardDriver.withSharedStandIn { driver in
            let pane = driver.pane
            await pane.resize(width: 200, height: 50)
            try await driver.openFinishedBatch()
            let screen = try await pane.waitFor("an answer beside a succeeded item") { $0.contains("Simulated answer (") }
            // Item rows, not the selected item's line under them (which has no outcome glyph).
            let rows = screen.split(separator: "\n").map { String($0.dropFirst()) }
                .filter { row in row.hasPrefix("e2e-done-") && ["✓", "✗", "⊗"].contains { row.contains($0) } }
            #expect(rows.count == 6, "\(screen)")
            for row in rows {
                // The ids are 10 wide ("e2e-done-0"): the status follows after one space, not after 40 columns.
                #expect(["✓", "✗", "⊗"].contains { row.dropFirst(11).hasPrefix($0) }, "\(row)")
                if row.contains("✓ succeeded") {
                    // The answer the stand-in gave this item (to its prompt, "hello N"), whole on one
                    // line: it fits at 200 columns.
                    let number = row.prefix(10).last.map(String.init) ?? "?"
                    #expect(row.contains("Simulated answer (") && row.hasSuffix("tokens) to: hello \(number)"), "\(row)")
                }
            }
            try await driver.quit()
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func theUnwrappedBodyStopsAtItsLongestLineAndLeftGoesBackAtColumnOne() async throws {
        try await DashboardDriver.withSharedStandIn { driver in
            let pane = driver.pane
            try await driver.openFinishedBatch()
            await pane.resize(width: 60, height: 15)
            await pane.send("Enter")
            try await pane.waitFor("the item's body") { $0.contains("result (JSON)") }
            await pane.send("w")
            var screen = try await pane.waitFor("the columns shown, from 1") { Self.columns($0)?.first == 1 }
            let (_, _, widest) = try #require(Self.columns(screen))
            // 59 columns of text show at 60: → stops where the longest line's last column is the page's last.
            #expect(widest > 59, "the simulated answer's JSON line is longer than 59 columns: \(screen)")
            for _ in 0..<((widest / 15) + 2) { await pane.send("Right") }
            screen = try await pane.waitFor("the longest line's end in view") { Self.columns($0)?.last == widest }
            #expect(Self.columns(screen)?.first == widest - 58, "\(screen)")
            #expect(screen.contains("the longest line's end is in view"), "→ at the end says why it does nothing: \(screen)")
            // ← back to column 1 (15 columns a press at 60), then once more: back to the items, as
            // the footer says. Not one press more than it takes, or it would leave early.
            for _ in 0..<((widest - 59 + 14) / 15) { await pane.send("Left") }
            screen = try await pane.waitFor("column 1 again") { Self.columns($0)?.first == 1 }
            #expect(screen.contains("Esc back"))
            await pane.send("Left")
            try await pane.waitFor("the items again") { $0.contains("CUSTOM ID") && !$0.contains("result (JSON)") }
            try await driver.quit()
        }
    }

    /// "col 16-74/74" from the body's title: the first and last columns shown and the longest line's.
    static func columns(_ screen: String) -> (first: Int, last: Int, widest: Int)? {
        guard let match = screen.firstMatch(of: /col (\d+)-(\d+)\/(\d+)/),
              let first = Int(match.1), let last = Int(match.2), let widest = Int(match.3) else { return nil }
        return (first, last, widest)
    }
}
