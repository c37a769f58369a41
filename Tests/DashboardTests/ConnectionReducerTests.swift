import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// The connection tells the truth: a refused key, no batch API at the URL, nothing known before
/// the first answer, and "stale" when an answer is overdue.
@Suite struct ConnectionReducerTests {
    typealias F = Fixtures
    static let e = Epoch()

    static func started() -> DashboardState {
        var state = F.fresh()
        _ = reduce(&state, .start(at: F.t0))
        return state
    }

    /// What a failed first round changes (nothing was loaded before it).
    static func failedFirstRound(_ state: inout DashboardState, _ error: MeshError, kind: ConnectionFailure.Kind,
                                 at: Date, delay: Double) {
        state.now = at
        state.poll.round.error = MeshErrorSummary(error, onListRoute: true)
        state.poll.round.outstanding = 0
        state.poll.round.active = false
        state.poll.round.startedAt = nil
        state.poll.backoff.failures = 1
        state.poll.backoff.lastDelay = delay
        state.poll.backoff.nextPollAt = at.addingTimeInterval(delay)
        state.poll.connection.state = .failing(ConnectionFailure(kind: kind, words: error.description, since: at, failures: 1,
                                                           nextAttempt: at.addingTimeInterval(delay)))
    }

    @Test func a401IsARefusedKeyRetriedOnceAMinute() {
        var store = ReducerStore(Self.started())
        #expect(store.state.poll.connection.state == .connecting)
        #expect(!store.state.mirror.everLoaded, "the quota is unknown, not zero")
        let refused = MeshError(kind: .api, status: 401, code: "unauthorized", message: "invalid api key")
        store.send(.listFailed(refused, at: F.at(1), epoch: Self.e), [.timer(.schedulePoll(after: 60))]) {
            Self.failedFirstRound(&$0, refused, kind: .keyRefused, at: F.at(1), delay: 60)
            // Logged once for the run of refusals: the second one below adds nothing.
            $0.events.append(LoggedEvent(.refused, at: F.at(1), text: "key refused: 401 unauthorized: invalid api key"))
        }
        #expect(!store.state.mirror.everLoaded, "still nothing known about the batches")
        // The second refusal keeps the first one's time and still waits a minute (no doubling past it).
        store.skip(.pollDue(at: F.at(61)))
        store.send(.listFailed(refused, at: F.at(61), epoch: Self.e), [.timer(.schedulePoll(after: 60))]) {
            $0.now = F.at(61)
            $0.poll.round.error = MeshErrorSummary(refused, onListRoute: true)
            $0.poll.round.outstanding = 0
            $0.poll.round.active = false
            $0.poll.round.startedAt = nil
            $0.poll.backoff.failures = 2
            $0.poll.backoff.nextPollAt = F.at(121)
            $0.poll.connection.state = .failing(ConnectionFailure(kind: .keyRefused, words: refused.description, since: F.at(1),
                                                            failures: 2, nextAttempt: F.at(121)))
        }
        // r asks now (the key was fixed): a full first page, since nothing was ever loaded.
        store.send(.key(.character("r")), [.timer(.cancelPoll), .api(.listPage(after: nil, limit: 100), Self.e)]) {
            $0.poll.round.active = true
            $0.poll.round.startedAt = F.at(61)
            $0.poll.round.error = nil
            $0.poll.backoff.nextPollAt = nil
            $0.poll.round.outstanding = 1
        }
    }

    @Test func a403IsARefusedKeyToo() {
        var store = ReducerStore(Self.started())
        let forbidden = MeshError(kind: .api, status: 403, message: "forbidden")
        store.send(.listFailed(forbidden, at: F.t0, epoch: Self.e), [.timer(.schedulePoll(after: 60))]) {
            Self.failedFirstRound(&$0, forbidden, kind: .keyRefused, at: F.t0, delay: 60)
            $0.events.append(LoggedEvent(.refused, at: F.t0, text: "key refused: 403: forbidden"))
        }
    }

    @Test func aNotFoundListRouteMeansNoBatchAPIAtThatURL() {
        var store = ReducerStore(Self.started())
        let notFound = MeshError(kind: .api, status: 404, message: "Route not found")
        store.send(.listFailed(notFound, at: F.t0, epoch: Self.e), [.timer(.schedulePoll(after: 60))]) {
            Self.failedFirstRound(&$0, notFound, kind: .noBatchAPI, at: F.t0, delay: 60)
        }
    }

    @Test func anOutageBacksOffFromTheBaseInterval() {
        var store = ReducerStore(Self.started())
        let down = MeshError(kind: .api, status: 503, message: "unavailable")
        store.send(.listFailed(down, at: F.t0, epoch: Self.e), [.timer(.schedulePoll(after: 4))]) {
            Self.failedFirstRound(&$0, down, kind: .outage, at: F.t0, delay: 4)
        }
    }

    @Test func theQuotaIsUnknownUntilTheFirstListAnswer() {
        var store = ReducerStore(Self.started())
        #expect(!store.state.mirror.everLoaded)
        let header = renderPlainText(render(store.state, width: 120, height: 40)).split(separator: "\n").prefix(2).joined()
        #expect(header.contains("?/10"), "\(header)")
        store.send(.listPageLoaded(F.page([]), at: F.t0, epoch: Self.e), [.timer(.schedulePoll(after: 10))]) {
            firstEmptyPageLoaded(&$0, at: F.t0, delay: 10)
        }
        let after = renderPlainText(render(store.state, width: 120, height: 40)).split(separator: "\n").prefix(2).joined()
        #expect(after.contains("0/10") && !after.contains("?/10"), "\(after)")
    }

    @Test func anAnswerOlderThanStaleAfterIsOverdue() {
        // One active batch standing still: the pace is 4 s, so stale after 4 * 1.5 + 3 = 9 s.
        var store = ReducerStore(F.loaded([F.batch(1)]))
        #expect(store.state.poll.connection.state == .live)
        #expect(store.state.staleAfter == 9)
        store.send(.tick(now: F.at(9))) { $0.now = F.at(9) }
        #expect(!store.state.answerOverdue)
        store.send(.tick(now: F.at(10))) { $0.now = F.at(10) }
        #expect(store.state.answerOverdue)
        // Paused, nothing is overdue: the person asked for no answers.
        store.send(.key(.character("p")), [.timer(.cancelPoll)]) {
            $0.poll.paused = true
            $0.poll.backoff.nextPollAt = nil
            $0.message = StatusMessage("paused: p resumes", at: F.at(10))
        }
        #expect(!store.state.answerOverdue)
        // A slower pace allows more: 60 s base → stale after 93 s.
        var slow = F.fresh()
        slow.poll.baseInterval = 60
        _ = reduce(&slow, .start(at: F.t0))
        _ = reduce(&slow, .listPageLoaded(F.page([F.batch(1)]), at: F.t0, epoch: Self.e))
        #expect(slow.staleAfter == 93)
        var slowStore = ReducerStore(slow)
        slowStore.send(.tick(now: F.at(93))) { $0.now = F.at(93) }
        #expect(!slowStore.state.answerOverdue)
        slowStore.send(.tick(now: F.at(94))) { $0.now = F.at(94) }
        #expect(slowStore.state.answerOverdue)
    }
}
