import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// The change highlight lights the value that moved, for a short while (issue 16, item 16).
@Suite struct ChangeHighlightTests {
    typealias F = Fixtures
    static let e = Epoch()

    @Test func onlyTheCountsLightUpAndOnlyBriefly() {
        let first = F.batch(1, total: 500, completed: 10)
        let other = F.batch(2, total: 500, completed: 10)
        var state = F.fresh()
        _ = reduce(&state, .start(at: F.t0))
        _ = reduce(&state, .listPageLoaded(F.page([first, other]), at: F.t0, epoch: Self.e))
        _ = reduce(&state, .pollDue(at: F.at(2)))
        let moved = F.batch(1, total: 500, completed: 20)
        _ = reduce(&state, .listPageLoaded(F.page([moved, other]), at: F.at(2), epoch: Self.e))
        // Batch 1 moved; it is the second row (newest first), not selected.
        let screen = render(state, width: 120, height: 40)
        let text = renderPlainText(screen).split(separator: "\n")
        let y = text.firstIndex { $0.contains(moved.id) }!
        let x = text[y].distance(from: text[y].startIndex, to: text[y].range(of: "20/500")!.lowerBound)
        #expect(screen.cells[y * screen.width + x].role == .changed, "the counts are lit")
        let idX = text[y].distance(from: text[y].startIndex, to: text[y].range(of: moved.id)!.lowerBound)
        #expect(screen.cells[y * screen.width + idX].role != .changed, "the id is not")
        _ = reduce(&state, .tick(now: F.at(3.1)))
        let later = render(state, width: 120, height: 40)
        #expect(!later.cells.contains { $0.role == .changed }, "a second later nothing is lit")
    }
}
