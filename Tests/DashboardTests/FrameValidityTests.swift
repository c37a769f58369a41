import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// `Screen.validUntil`: the runtime redraws on a tick only when something drawn from the clock changes.
@Suite struct FrameValidityTests {
    typealias F = Fixtures

    static func state(createdSecondsAgo: Double, status: BatchStatus) -> DashboardState {
        let created = Int(F.t0.timeIntervalSince1970 - createdSecondsAgo)
        var batch = F.batch(1, status: status, total: 2, completed: 2)
        batch.createdAt = created
        batch.inProgressAt = created
        batch.expiresAt = created + 86400
        var state = F.loaded([batch])
        _ = reduce(&state, .tick(now: F.t0))
        return state
    }

    @Test func oldFinishedBatchesKeepAFrameValidForAnHour() {
        // "2h" in the list and "(2h ago)" in the detail: the next change is when it reads "3h", or
        // sooner when "live" turns "stale" for want of an answer (one comes well before, normally).
        let state = Self.state(createdSecondsAgo: 7200, status: .completed)
        #expect(state.staleAfter < 3600)
        let screen = render(state, width: 120, height: 40)
        #expect(screen.validUntil == F.at(state.staleAfter + 0.01))
    }

    @Test func youngBatchesAndCountdownsNeedEverySecond() {
        #expect(render(Self.state(createdSecondsAgo: 30, status: .completed), width: 120, height: 40).validUntil == F.at(1))
        // An active batch's expiry countdown shows minutes ("in 23h59m"): valid to the next minute,
        // unless "live" turns "stale" first (it does, when no answer comes in time).
        let state = Self.state(createdSecondsAgo: 7200, status: .inProgress)
        let active = render(state, width: 120, height: 40)
        #expect(active.validUntil == F.at(min(60, state.staleAfter + 0.01)))
    }

    @Test func retryCountdownAndHighlightsExpire() {
        var state = Self.state(createdSecondsAgo: 7200, status: .completed)
        _ = reduce(&state, .pollDue(at: F.t0))
        _ = reduce(&state, .listFailed(MeshError(kind: .network, message: "refused"), at: F.at(0.5), epoch: state.poll.epoch))
        // Retrying in 4 s (doubling from 2) shown as a whole-second countdown from t0+0.5.
        _ = reduce(&state, .tick(now: F.at(0.5)))
        #expect(render(state, width: 120, height: 40).validUntil == F.at(1.5))
        // A change highlight (of a row not selected) fades at t0+1: the soonest change on the frame.
        var two = F.loaded([F.batch(2, status: .completed, total: 2, completed: 2), F.batch(1, status: .completed, total: 2, completed: 2)])
        _ = reduce(&two, .pollDue(at: F.t0))
        let moved = F.batch(1, status: .completed, total: 2, completed: 1, failed: 1)
        _ = reduce(&two, .listPageLoaded(F.page([F.batch(2, status: .completed, total: 2, completed: 2), moved]), at: F.t0,
                                         epoch: two.poll.epoch))
        #expect(two.mirror.changedAt == [moved.id: F.t0] && two.list.selectedID != moved.id)
        #expect(render(two, width: 120, height: 40).validUntil == F.at(1))
    }
}
