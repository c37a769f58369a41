import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Spool space is given back only when no read `reduce` started can still be reading it: a release
/// asked for while an item body is being read waits for `.itemBodyLoaded` (or its failure).
@Suite struct ResultsReadersReducerTests {
    typealias F = Fixtures
    static let e = Epoch()
    static let big = Layout(width: 120, height: 40)

    /// The completed batch of `F.mixed` open on its first item, its body being read.
    static func reading() -> DashboardState {
        var state = F.loaded(F.mixed)
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.enter))
        _ = reduce(&state, .key(.enter))
        return state
    }

    @Test func aReleaseDuringABodyReadWaitsForItsAnswer() throws {
        var store = ReducerStore(Self.reading())
        #expect(store.state.results.readers == 1)
        // A GET of a round given up on brings results: their space is let go of, but not yet.
        let stale = Epoch(session: 0, round: 7)
        let late = SpooledBatch(batch: F.batch(9, status: .completed, total: 1, completed: 1),
                                items: [ItemSummary(F.okResult("z"), span: ByteSpan(offset: 50_000, length: 10))], usage: TokenUsage())
        store.send(.batchLoaded(late, at: F.at(1), requestedID: late.batch.id, epoch: stale)) {
            $0.results.pendingRelease = [ByteSpan(offset: 50_000, length: 10)]
        }
        // The read answers: the body shows and the waiting space goes.
        let batch = F.mixed[2]
        let value = F.json(F.okResult("doc-001"))
        guard case .itemBody(let screen, var body) = store.state.route else { Issue.record("not on the body"); return }
        store.send(.itemBodyLoaded(batchID: batch.id, customID: "doc-001", value),
                   [.spool(.release(spans: [ByteSpan(offset: 50_000, length: 10)]))]) {
            $0.results.readers = 0
            $0.results.pendingRelease = []
            body.content = ItemBodyContent(value)
            $0.route = .itemBody(screen, body)
        }
    }

    @Test func aFailedReadAlsoLetsTheWaitingSpaceGo() {
        var store = ReducerStore(Self.reading())
        let stale = Epoch(session: 0, round: 7)
        let late = SpooledBatch(batch: F.batch(9, status: .completed, total: 1, completed: 1),
                                items: [ItemSummary(F.okResult("z"), span: ByteSpan(offset: 50_000, length: 10))], usage: TokenUsage())
        store.skip(.batchLoaded(late, at: F.at(1), requestedID: late.batch.id, epoch: stale))
        guard case .itemBody(let screen, var body) = store.state.route else { Issue.record("not on the body"); return }
        store.send(.itemBodyFailed(batchID: F.mixed[2].id, customID: "doc-001", reason: "spool gone"),
                   [.spool(.release(spans: [ByteSpan(offset: 50_000, length: 10)]))]) {
            $0.results.readers = 0
            $0.results.pendingRelease = []
            body.failure = "spool gone"
            $0.route = .itemBody(screen, body)
        }
    }

    /// A profile switch during a read: the old owner's space waits for the read, across the switch.
    @Test func aProfileSwitchDuringAReadReleasesAfterIt() {
        var store = ReducerStore(Self.reading())
        store.skip(.key(.escape))
        store.skip(.key(.escape))
        store.skip(.key(.character("P")))
        let effects = store.skip(.profileSwitched(name: "home", endpointLabel: "home", at: F.at(5)))
        #expect(!effects.contains { if case .spool(.release) = $0 { true } else { false } }, "\(effects)")
        #expect(store.state.results.readers == 1)
        let held = [ByteSpan(offset: 0, length: 100), ByteSpan(offset: 1000, length: 100), ByteSpan(offset: 2000, length: 100)]
        #expect(Set(store.state.results.pendingRelease) == Set(held))
        // The old body answers: not shown (another screen now), but the space goes.
        store.send(.itemBodyLoaded(batchID: F.mixed[2].id, customID: "doc-001", .null), [.spool(.release(spans: held))]) {
            $0.results.readers = 0
            $0.results.pendingRelease = []
        }
    }

    @Test func twoReadsHoldTheSpaceUntilTheLastAnswers() {
        var store = ReducerStore(F.loaded(F.mixed))
        store.skip(.key(.down))
        store.skip(.key(.down))
        store.skip(.key(.enter))
        store.skip(.key(.character("e")))
        store.skip(.key(.enter))
        #expect(store.state.results.readers == 2)
        var results = store.state.results
        #expect(results.release(spans: [ByteSpan(offset: 1, length: 1)]) == [])
        #expect(results.endRead() == [])
        #expect(results.endRead() == [.spool(.release(spans: [ByteSpan(offset: 1, length: 1)]))])
        #expect(results.readers == 0 && results.pendingRelease.isEmpty)
        #expect(results.endRead() == [] && results.readers == 0, "never below zero")
    }
}
