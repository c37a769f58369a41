import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Batches ending together are said together, messages fade, and the event log (`L`) keeps what
/// ended or was refused (issue 16, item 19).
@Suite struct EventLogReducerTests {
    typealias F = Fixtures
    static let e = Epoch()

    /// Nine running batches of ten items, batch 9 the newest (selected).
    static let running = (1...9).map { F.batch($0, total: 10, completed: 5) }
    /// The page that sees them all ended: 1-7 completed, 8 and 9 failed (newest first, as listed).
    static let ended = (1...9).reversed().map {
        $0 <= 7 ? F.batch($0, status: .completed, total: 10, completed: 10) : F.batch($0, status: .failed, total: 10)
    }

    static func nineEnded() -> ReducerStore {
        var store = ReducerStore(F.loaded(running))
        store.skip(.pollDue(at: F.at(2)))
        store.skip(.listPageLoaded(F.page(ended), at: F.at(2), epoch: e))
        return store
    }

    @Test func nineBatchesEndingInOnePollAreOneMessageAndNineEvents() {
        var store = ReducerStore(F.loaded(Self.running))
        store.skip(.pollDue(at: F.at(2)))
        let ids = Self.ended.map(\.id)
        // One bell for the answer, and the GET of the selected batch's results.
        store.send(.listPageLoaded(F.page(Self.ended), at: F.at(2), epoch: Self.e),
                   [.terminal(.bell), .api(.batch(id: "batch_01JD000009XYZ"), Self.e)]) {
            for batch in Self.ended {
                $0.mirror.batches[batch.id] = batch
                $0.mirror.changedAt[batch.id] = F.at(2)
            }
            $0.mirror.activeIDs = []
            $0.mirror.progress = [:]
            $0.mirror.slotHistory.record(used: 0, at: F.at(2))
            $0.message = StatusMessage("9 batches ended: 7 completed, 2 failed", isError: true, at: F.at(2))
            $0.poll.round.ended = [.failed, .failed, .completed, .completed, .completed, .completed, .completed, .completed, .completed]
            $0.events.append(LoggedEvent(.failed, at: F.at(2), batchID: "batch_01JD000009XYZ", text: "0 ok, 0 failed, 10 not run"))
            $0.events.append(LoggedEvent(.failed, at: F.at(2), batchID: "batch_01JD000008XYZ", text: "0 ok, 0 failed, 10 not run"))
            for n in (1...7).reversed() {
                $0.events.append(LoggedEvent(.completed, at: F.at(2), batchID: "batch_01JD00000\(n)XYZ", text: "10 ok, 0 failed"))
            }
            $0.poll.round.sawMovement = true
            $0.poll.connection.lastSuccessAt = F.at(2)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = Set(ids)
            $0.poll.fetches.underWay = ["batch_01JD000009XYZ"]
            $0.poll.round.outstanding = 1
        }
    }

    /// The message is news for 10 s, faint until 20 s, then gone; the events stay.
    @Test func aMessageFadesThenGoes() {
        var store = Self.nineEnded()
        let said = StatusMessage("9 batches ended: 7 completed, 2 failed", isError: true, at: F.at(2))
        #expect(store.state.message == said)
        store.send(.tick(now: F.at(11))) {
            $0.now = F.at(11)
            $0.mirror.changedAt = [:]
        }
        #expect(Self.messageRole(store.state) == .error)
        store.send(.tick(now: F.at(12))) { $0.now = F.at(12) }
        #expect(Self.messageRole(store.state) == .dim, "faint after 10 s")
        store.send(.tick(now: F.at(21.9))) { $0.now = F.at(21.9) }
        #expect(Self.messageRole(store.state) == .dim)
        store.send(.tick(now: F.at(22))) {
            $0.now = F.at(22)
            $0.message = nil
        }
        #expect(store.state.events.entries.count == 9)
    }

    /// The frame that shows a fresh message says when it must be drawn again: at the fade.
    @Test func theFrameAsksToBeRedrawnWhenTheMessageFades() {
        var store = Self.nineEnded()
        store.skip(.tick(now: F.at(5)))
        let frame = render(store.state, width: 120, height: 40)
        #expect(frame.validUntil.map { $0 <= F.at(12) } == true, "\(String(describing: frame.validUntil))")
    }

    static func messageRole(_ state: DashboardState) -> StyleRole? {
        let screen = render(state, width: 120, height: 40)
        let row = Layout(width: 120, height: 40).messageRow
        return screen.cells[row * screen.width + 1].role
    }

    /// `L` opens the log, newest first with the server's times; Esc and `L` go back; it scrolls.
    @Test func theLogListsWhatEndedNewestFirst() {
        var store = Self.nineEnded()
        store.send(.key(.character("L"))) { $0.route = .events(EventLogScreen()) }
        let text = renderPlainText(render(store.state, width: 120, height: 40))
        let lines = text.split(separator: "\n").map(String.init)
        let first = lines.firstIndex { $0.contains("batch_01JD00000") }!
        #expect(lines[first].hasPrefix(" 21:30:02 completed batch_01JD000001XYZ" + String(repeating: " ", count: 14) + "10 ok, 0 failed"), "\(lines[first])")
        #expect(lines[first + 8].hasPrefix(" 21:30:02 failed    batch_01JD000009XYZ"))
        #expect(lines[1].hasSuffix("9 events (the last 1,000 kept)"))
        store.send(.key(.escape)) { $0.route = .list }
        store.send(.key(.character("L"))) { $0.route = .events(EventLogScreen()) }
        store.send(.key(.character("L"))) { $0.route = .list }
    }

    /// A cancel the server refused and a refused key are in the log too.
    @Test func refusalsAreLogged() {
        var store = ReducerStore(F.loaded([F.batch(1, project: "q2")]))
        let conflict = MeshError(kind: .api, status: 409, code: "conflict", message: "batch is completed")
        store.send(.cancelFailed(id: F.batch(1).id, conflict, at: F.at(1), epoch: Self.e)) {
            $0.now = F.at(1)
            $0.message = StatusMessage("cancel batch_01JD000001XYZ failed: 409 conflict: batch is completed", isError: true, at: F.at(1))
            $0.events.append(LoggedEvent(.refused, at: F.at(1), batchID: "batch_01JD000001XYZ", project: "q2",
                                         text: "cancel refused: 409 conflict: batch is completed"))
        }
    }

    /// At most `EventLog.capacity` entries: the oldest go.
    @Test func theLogIsBounded() {
        var log = EventLog()
        for n in 0..<1_005 { log.append(LoggedEvent(.completed, at: F.at(Double(n)), text: "\(n)")) }
        #expect(log.entries.count == 1_000)
        #expect(log.entries.first?.text == "5" && log.entries.last?.text == "1004")
    }
}
