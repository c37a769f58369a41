import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// During an outage the numbers on screen are the last answer's (issue 16, item 9): running rows
/// and the quota are faint, no ETA is promised, the header says one interval, and "stale" stays
/// readable at every width. When the server answers again, all of it comes back.
@Suite struct StaleDataRenderTests {
    typealias F = Fixtures
    static let e = Epoch()

    /// Ten running batches (the quota full) and one that ended, polled twice so every ETA is
    /// measured, then three failed rounds (the header says "offline").
    static func offline(width: Int, height: Int) -> DashboardState {
        var state = F.fresh(width: width, height: height)
        _ = reduce(&state, .start(at: F.t0))
        let done = F.batch(0, status: .completed, total: 10, completed: 10)
        _ = reduce(&state, .listPageLoaded(F.page([done] + (1...10).map { F.batch($0, completed: 10) }), at: F.t0, epoch: e))
        _ = reduce(&state, .pollDue(at: F.at(2)))
        _ = reduce(&state, .listPageLoaded(F.page([done] + (1...10).map { F.batch($0, completed: 30) }), at: F.at(2), epoch: e))
        let refused = MeshError(kind: .network, message: "connection refused")
        for attempt in 1...3 {
            _ = reduce(&state, .pollDue(at: F.at(2 + Double(attempt) * 10)))
            _ = reduce(&state, .listFailed(refused, at: F.at(2 + Double(attempt) * 10), epoch: e))
        }
        _ = reduce(&state, .tick(now: F.at(33)))
        return state
    }

    static func lines(_ screen: Screen) -> [String] {
        renderPlainText(screen).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The role of the cell where `text` starts on the row that shows `id`.
    static func role(of text: String, onRowOf id: String, in screen: Screen) -> StyleRole? {
        let rows = lines(screen)
        guard let y = rows.firstIndex(where: { $0.contains(id) }), let range = rows[y].range(of: text) else { return nil }
        let x = TextWidth.of(String(rows[y][..<range.lowerBound]))
        return screen.cells[y * screen.width + x].role
    }

    /// The ETA column's text on the row that shows `id` (under the "ETA" heading, right-aligned).
    static func eta(onRowOf id: String, in rows: [String]) -> String? {
        guard let heading = rows.first(where: { $0.contains("STATUS") && $0.contains("ETA") }).map(Array.init),
              let row = rows.first(where: { $0.contains(id) }).map(Array.init) else { return nil }
        guard let start = (0..<(heading.count - 2)).first(where: { String(heading[$0..<$0 + 3]) == "ETA" }) else { return nil }
        let end = start + 3
        return String(row[max(0, end - ListColumns.eta)..<min(row.count, end)]).trimmingCharacters(in: .whitespaces)
    }

    @Test func beforeTheOutageTheETAIsMeasured() {
        // The scene of `offline`, before its first failure.
        var state = F.fresh()
        _ = reduce(&state, .start(at: F.t0))
        _ = reduce(&state, .listPageLoaded(F.page((1...10).map { F.batch($0, completed: 10) }), at: F.t0, epoch: Self.e))
        _ = reduce(&state, .pollDue(at: F.at(2)))
        _ = reduce(&state, .listPageLoaded(F.page((1...10).map { F.batch($0, completed: 30) }), at: F.at(2), epoch: Self.e))
        let screen = render(state, width: 120, height: 40)
        let rows = Self.lines(screen)
        #expect(Self.eta(onRowOf: F.batch(3).id, in: rows) == "47s", "\(rows)")
        #expect(Self.role(of: "in_progress", onRowOf: F.batch(3).id, in: screen) == .statusActive)
        #expect(rows[0].contains("every 2s") && rows[0].contains("full"), "\(rows[0])")
    }

    @Test func anOutageDimsRunningRowsAndTheQuotaAndDropsEveryETA() {
        let state = Self.offline(width: 120, height: 40)
        #expect(state.showsStaleData)
        let screen = render(state, width: 120, height: 40)
        let rows = Self.lines(screen)
        // Batch 3 is not selected (the newest, batch 10, is): its row is faint from the status on.
        let running = F.batch(3).id
        #expect(Self.role(of: "in_progress", onRowOf: running, in: screen) == .dim)
        #expect(Self.role(of: "30/500", onRowOf: running, in: screen) == .dim)
        // Its ETA column says "-": it read 47s a poll ago (470 to do at 10 items a second).
        #expect(Self.eta(onRowOf: running, in: rows) == "-", "no ETA: \(rows)")
        // The ended batch is final: not faint.
        #expect(Self.role(of: "completed", onRowOf: F.batch(0).id, in: screen) == .statusDone)
        // The quota: the last count, faint, and no "full" claim nor a next slot measured from movement.
        #expect(rows[0].contains("10/10"))
        #expect(!rows[0].contains("full") && !rows[0].contains("next slot"), "\(rows[0])")
        let quota = rows[0].range(of: "10/10")!
        #expect(screen.cells[TextWidth.of(String(rows[0][..<quota.lowerBound]))].role == .dim)
        // One interval: the countdown on the second line; the first line has no pace.
        #expect(!rows[0].contains("every"), "\(rows[0])")
        #expect(rows[1].contains("✗ offline since 21:30:12 · retrying in 15s · stale · data from 21:30:02"), "\(rows[1])")
        #expect(rows.filter { $0.contains("retrying in") || $0.contains("every ") }.count == 1)
        // The detail pane keeps the rate it saw and promises nothing.
        #expect(!rows.contains { $0.contains("done in about") })
    }

    /// The state word and "stale" whole at every size the dashboard supports.
    @Test(arguments: [(60, 15), (80, 24), (120, 40), (200, 50)])
    func staleIsReadableAtEverySize(width: Int, height: Int) {
        let state = Self.offline(width: width, height: height)
        let rows = Self.lines(render(state, width: width, height: height))
        #expect(rows[1].contains("✗ offline since 21:30:12 · retrying in 15s · stale"), "\(width)x\(height): \(rows[1])")
    }

    /// Before the outage the same rows were live: measured ETAs, normal colours, "every 2s"; and
    /// after it, the first good answer brings all of that back.
    @Test func theFirstGoodAnswerBringsItBack() {
        var state = Self.offline(width: 120, height: 40)
        _ = reduce(&state, .pollDue(at: F.at(40)))
        let done = F.batch(0, status: .completed, total: 10, completed: 10)
        _ = reduce(&state, .listPageLoaded(F.page([done] + (1...10).map { F.batch($0, completed: 40) }), at: F.at(40), epoch: Self.e))
        _ = reduce(&state, .tick(now: F.at(40.5)))
        #expect(!state.showsStaleData)
        let screen = render(state, width: 120, height: 40)
        let rows = Self.lines(screen)
        let running = F.batch(3).id
        #expect(Self.role(of: "in_progress", onRowOf: running, in: screen) == .statusActive)
        #expect(rows[1].hasPrefix(" ● live"), "\(rows[1])")
        #expect(rows[0].contains("full"), "\(rows[0])")
        // Measured again from the samples before and after the outage.
        let eta = Self.eta(onRowOf: running, in: rows)
        #expect(eta != nil && eta != "-" && eta != "", "an ETA again: \(rows)")
    }
}
