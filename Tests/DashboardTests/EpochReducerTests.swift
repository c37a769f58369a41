import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Every request carries the epoch it was made in and every answer echoes it: `reduce` itself
/// drops what no longer belongs (another owner's answers; a round given up with `r`).
@Suite struct EpochReducerTests {
    typealias F = Fixtures
    static let old = Epoch(session: 0, round: 0)
    static let new = Epoch(session: 1, round: 0)

    /// After `P` to "home" and its `.profileSwitched`: session 1, its first round running.
    static func switched() -> DashboardState {
        var state = F.loaded(F.mixed)
        _ = reduce(&state, .key(.character("P")))
        _ = reduce(&state, .profileSwitched(name: "home", endpointLabel: "home", at: F.at(5)))
        return state
    }

    @Test func aProfileSwitchStartsANewSession() {
        let state = Self.switched()
        #expect(state.poll.epoch == Self.new)
        #expect(state.mirror.batches.isEmpty && state.results.items.isEmpty)
        #expect(state.options.profileName == "home")
    }

    @Test func answersFromAnotherSessionAreDroppedAndTheirSpoolGivenBack() {
        var store = ReducerStore(Self.switched())
        store.send(.listPageLoaded(F.page(F.mixed), at: F.at(6), epoch: Self.old))
        store.send(.listFailed(MeshError(kind: .network, message: "late"), at: F.at(6), epoch: Self.old))
        // A GET for the old owner wrote its results to the spool: the space is given back, nothing kept.
        let done = F.mixed[2]
        store.send(.batchLoaded(F.spooled(done), at: F.at(6), requestedID: done.id, epoch: Self.old),
                   [.spool(.release(spans: [ByteSpan(offset: 0, length: 100), ByteSpan(offset: 1000, length: 100),
                                            ByteSpan(offset: 2000, length: 100)]))])
        store.send(.batchFailed(id: done.id, MeshError(kind: .timeout, message: "late"), at: F.at(6), epoch: Self.old))
        store.send(.cancelFinished(F.mixed[0], at: F.at(6), epoch: Self.old))
        store.send(.cancelFailed(id: F.mixed[0].id, MeshError(kind: .timeout, message: "late"), at: F.at(6), epoch: Self.old))
        store.send(.balanceLoaded(9.5, epoch: Self.old))
        store.send(.balanceFailed(MeshError(kind: .timeout, message: "late"), epoch: Self.old))
        store.send(.modelsLoaded([ModelInfo(id: "m", name: "M", provider: nil, supportsBatching: true, pricing: nil)], epoch: Self.old))
        // The new session's answers count.
        store.send(.balanceLoaded(1.25, epoch: Self.new)) { $0.balanceUSD = 1.25 }
    }

    @Test func aRoundGivenUpDropsItsListAnswerButACancelOfTheSessionCounts() {
        var store = ReducerStore(F.loaded(F.mixed))
        let id = F.mixed[0].id
        store.skip(.key(.character("c")))
        #expect(store.skip(.key(.character("y"))) == [.api(.cancel(id: id), Self.old)])
        store.skip(.pollDue(at: F.at(4)))
        store.skip(.tick(now: F.at(20)))
        let given = Epoch(session: 0, round: 1)
        store.send(.key(.character("r")), [.timer(.cancelPoll), .api(.listPage(after: nil, limit: 20), given)]) {
            $0.message = StatusMessage("no answer for 16s; asking again", at: F.at(20))
            $0.poll.epoch = given
            $0.poll.round.startedAt = F.at(20)
        }
        // The given-up round's list answer: dropped.
        store.send(.listPageLoaded(F.page(F.mixed), at: F.at(21), epoch: Self.old))
        // The cancel asked for in that round still counts: same session.
        var answer = F.mixed[0]
        answer.status = .cancelling
        store.send(.cancelFinished(answer, at: F.at(22), epoch: Self.old)) {
            $0.now = F.at(22)
            $0.mirror.batches[id]?.status = .cancelling
            $0.mirror.batches[id]?.results = nil
            $0.mirror.changedAt[id] = F.at(22)
            $0.mirror.cancelRequested = []
            $0.mirror.progress[id]!.record(finished: answer.requestCounts!.finished, at: F.at(22))
            $0.poll.round.sawMovement = true
            $0.message = StatusMessage("cancel sent: \(id) is cancelling", at: F.at(22))
        }
        #expect(store.state.mirror.shownStatus(store.state.mirror.batches[id]!) == .cancelling)
    }
}
