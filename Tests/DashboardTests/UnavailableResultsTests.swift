import Foundation
import MeshAPI
import Testing
@testable import Dashboard

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
