import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// What the dashboard says about movement and time left must be measured (issue 16, items 2 and 11).
@Suite struct HonestPaceTests {
    typealias F = Fixtures
    static let e = Epoch()

    /// "nothing moving" needs two samples of every active batch: never after the first answer.
    @Test func nothingIsSaidAboutMovementUntilTwoSamples() {
        let running = F.batch(1, status: .inProgress, total: 3000, completed: 1592)
        var state = F.fresh()
        _ = reduce(&state, .start(at: F.t0))
        _ = reduce(&state, .listPageLoaded(F.page([running]), at: F.t0, epoch: Self.e))
        #expect(state.pollPace.slowerBecause == nil, "one sample: nothing is known about movement")
        let header = renderPlainText(render(state, width: 120, height: 40)).split(separator: "\n")[0]
        #expect(!header.contains("nothing moving"), "\(header)")
        // A second answer with the same counts: now it is known to stand still.
        _ = reduce(&state, .pollDue(at: F.at(4)))
        _ = reduce(&state, .listPageLoaded(F.page([running]), at: F.at(4), epoch: Self.e))
        #expect(state.pollPace.slowerBecause == "nothing moving")
    }

    /// No ETA for a batch that will not get through its items: cancelling (or ended).
    @Test func aCancellingBatchIsPromisedNoEnd() {
        var state = F.fresh()
        _ = reduce(&state, .start(at: F.t0))
        let moving = F.batch(1, status: .inProgress, total: 1000, completed: 100)
        _ = reduce(&state, .listPageLoaded(F.page([moving]), at: F.t0, epoch: Self.e))
        _ = reduce(&state, .pollDue(at: F.at(10)))
        let cancelling = F.batch(1, status: .cancelling, total: 1000, completed: 200)
        _ = reduce(&state, .listPageLoaded(F.page([cancelling]), at: F.at(10), epoch: Self.e))
        // 100 columns: the ETA is the row's last cell (from about 120 the cost column follows it).
        let text = renderPlainText(render(state, width: 100, height: 40))
        #expect(!text.contains("done in about"), "\(text)")
        let row = text.split(separator: "\n").first { $0.contains("cancelling") && $0.contains("200/1000") } ?? ""
        #expect(!row.contains("1m") && !row.hasSuffix(" -"), "no ETA cell: \(row)")
    }
}
