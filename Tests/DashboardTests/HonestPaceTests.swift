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
        let text = renderPlainText(render(state, width: 120, height: 40))
        #expect(!text.contains("done in about"), "\(text)")
        let row = text.split(separator: "\n").first { $0.contains("cancelling") && $0.contains("200/1000") } ?? ""
        #expect(!row.contains("1m") && !row.hasSuffix(" -"), "no ETA cell: \(row)")
    }
}

/// A completed batch whose items failed does not read as a success (issue 16, item 10).
@Suite struct CompletedWithFailuresTests {
    typealias F = Fixtures

    @Test func everyItemFailedIsMarkedAsAFailure() {
        let allFailed = F.batch(1, status: .completed, total: 40, completed: 0, failed: 40)
        let many = F.batch(2, status: .completed, total: 40, completed: 30, failed: 10)
        let few = F.batch(3, status: .completed, total: 40, completed: 39, failed: 1)
        let screen = render(F.loaded([allFailed, many, few]), width: 120, height: 40)
        let rows = renderPlainText(screen).split(separator: "\n")
        func row(_ batch: Batch) -> String { rows.first { $0.contains(batch.id) }.map(String.init) ?? "" }
        #expect(row(allFailed).contains("✗ completed"), "\(row(allFailed))")
        #expect(row(many).contains("⚠ completed"), "\(row(many))")
        #expect(row(few).contains("✓ completed"), "\(row(few))")
        // The role drawn, not only the glyph: the all-failed row's status cell is the failed role.
        let y = rows.firstIndex { $0.contains(allFailed.id) }!
        #expect(screen.cells[y * screen.width + 2].role == .statusFailed)
    }
}

/// An ended batch whose GET answers 404 (issue 15): the items screen says so instead of
/// "loading results…" for ever, later rounds stop asking, and `r` asks again.
@Suite struct UnavailableResultsTests {
    typealias F = Fixtures
    static let e = Epoch()

    @Test func a404ForAnEndedBatchIsSaidWhereTheResultsWouldShow() {
        let done = F.batch(1, status: .completed, total: 2, completed: 2)
        var state = F.fresh()
        _ = reduce(&state, .start(at: F.t0))
        _ = reduce(&state, .listPageLoaded(F.page([done]), at: F.t0, epoch: Self.e))
        var store = ReducerStore(state)
        let notFound = MeshError(kind: .api, status: 404, message: "no such batch")
        store.send(.batchFailed(id: done.id, notFound, at: F.at(1), epoch: Self.e), [.timer(.schedulePoll(after: 10))]) {
            $0.poll.fetches.underWay = []
            $0.results.unavailable = [done.id: "the server answered 404 (no such batch)"]
            $0.message = StatusMessage("\(done.id) is gone (404): no such batch", isError: true, at: F.at(1))
            roundEnded(&$0, at: F.at(1), delay: 10)
        }
        // Enter opens the items without another GET, and they say why there is nothing.
        store.send(.key(.enter)) { $0.route = .items(ItemsScreen(batchID: done.id)) }
        let text = renderPlainText(render(store.state, width: 120, height: 40))
        #expect(text.contains("cannot load the results: the server answered 404 (no such batch) · r asks again"), "\(text)")
        #expect(!text.contains("loading results…"))
        // The next round does not ask again; `r` does.
        store.send(.pollDue(at: F.at(11)), [.api(.listPage(after: nil, limit: 20), Self.e)]) {
            $0.now = F.at(11)
            $0.poll.backoff.nextPollAt = nil
            $0.poll.round.active = true
            $0.poll.round.startedAt = F.at(11)
            $0.poll.round.outstanding = 1
            $0.poll.round.pages = 0
            $0.poll.round.seen = []
            $0.poll.walk.pages = 0
        }
        store.send(.listPageLoaded(F.page([done]), at: F.at(12), epoch: Self.e), [.timer(.schedulePoll(after: 10))]) {
            $0.poll.connection.lastSuccessAt = F.at(12)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = [done.id]
            roundEnded(&$0, at: F.at(12), delay: 10)
        }
        store.send(.key(.character("r")), [.timer(.cancelPoll), .api(.listPage(after: nil, limit: 20), Self.e)]) {
            $0.results.unavailable = [:]
            $0.poll.backoff.nextPollAt = nil
            $0.poll.round.active = true
            $0.poll.round.startedAt = F.at(12)
            $0.poll.round.outstanding = 1
            $0.poll.round.pages = 0
            $0.poll.round.seen = []
            $0.poll.walk.pages = 0
        }
    }
}

/// With `n: 2` the body shows each choice, not only the first (issue 15).
@Suite struct EveryChoiceTests {
    @Test func twoChoicesAreBothShown() throws {
        let text = #"{"custom_id":"a","response":{"status_code":200,"body":{"choices":[{"message":{"content":"first answer"}},{"message":{"content":"second\nanswer"}}]}}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let content = ItemBodyContent(value)
        #expect(content.headlineLabel == "answers (2 choices)")
        #expect(content.headlineLines == ["choice 1 of 2:", "first answer", "", "choice 2 of 2:", "second", "answer"])
        let one = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"response":{"body":{"choices":[{"message":{"content":"only"}}]}}}"#.utf8))
        #expect(ItemBodyContent(one).headlineLabel == "answer" && ItemBodyContent(one).headlineLines == ["only"])
    }
}

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
