import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Issue 16 item 1: a bar keeps its own roles inside the selection highlight. Painted `.selected`
/// (reverse video), its blocks were drawn in the background colour and the bar read as empty.
@Suite struct BarCellsRenderTests {
    @Test func selectedRowKeepsItsBarsRolesAndTheRestIsHighlighted() throws {
        let done = Fixtures.batch(1, status: .completed, total: 6, completed: 4, failed: 2, project: "bars")
        let state = Fixtures.loaded([done], width: 120, height: 40)
        #expect(state.list.selectedID == done.id)
        let screen = render(state, width: 120, height: 40)
        let row = try #require((0..<screen.height).first { screen[$0, 0].text == "›" }, "no selected row")
        let bar = (0..<screen.width).filter { ["█", "▓"].contains(screen[row, $0].text) }
        #expect(bar.map { screen[row, $0].text } == ["█", "█", "█", "█", "▓", "▓"])
        #expect(bar.map { screen[row, $0].role } == [.progressDone, .progressDone, .progressDone, .progressDone,
                                                     .progressFailed, .progressFailed])
        // Everything else on the row is highlighted: the status word, the id, the counts.
        let others = (0..<screen.width).filter { !bar.contains($0) && !screen[row, $0].continuation }
        #expect(others.allSatisfy { screen[row, $0].role == .selected },
                "\(others.filter { screen[row, $0].role != .selected }.map { (screen[row, $0].text, screen[row, $0].role) })")
    }
}
