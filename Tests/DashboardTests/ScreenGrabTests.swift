import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// `--once` prints a screen grab (issue 16, item 18, the drawing part).
@Suite struct ScreenGrabTests {
    typealias F = Fixtures

    @Test func aGrabHasNoSelectionMarkNoFooterAndNoPadding() {
        var state = F.loaded([F.batch(1), F.batch(2)], width: 120, height: 40)
        state.options.screenGrab = true
        let screen = render(state, width: 120, height: 40)
        let text = trimmingTrailingBlankRows(renderPlainText(screen))
        #expect(!text.contains("›"), "no selection mark: \(text)")
        #expect(!text.contains("q quit") && !text.contains("? help"), "no footer: \(text)")
        #expect(!screen.cells.contains { $0.role == .selected }, "no selected row")
        #expect(!text.hasSuffix("\n\n"), "no blank rows at the end")
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count < 40, "not padded to 40 rows")
        // The same state as a screen to work in keeps both.
        state.options.screenGrab = false
        let live = renderPlainText(render(state, width: 120, height: 40))
        #expect(live.contains("›") && live.contains("q quit"))
    }
}
