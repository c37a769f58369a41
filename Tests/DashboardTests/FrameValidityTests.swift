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
        // "2h" in the list and "(2h ago)" in the detail: the next change is when it reads "3h".
        let screen = render(Self.state(createdSecondsAgo: 7200, status: .completed), width: 120, height: 40)
        #expect(screen.validUntil == F.at(3600))
    }

    @Test func youngBatchesAndCountdownsNeedEverySecond() {
        #expect(render(Self.state(createdSecondsAgo: 30, status: .completed), width: 120, height: 40).validUntil == F.at(1))
        // An active batch's expiry countdown shows minutes ("in 23h59m"): valid to the next minute.
        let active = render(Self.state(createdSecondsAgo: 7200, status: .inProgress), width: 120, height: 40)
        #expect(active.validUntil == F.at(60))
    }

    @Test func retryCountdownAndHighlightsExpire() {
        var state = Self.state(createdSecondsAgo: 7200, status: .completed)
        _ = reduce(&state, .pollDue(at: F.t0))
        _ = reduce(&state, .listFailed(MeshError(kind: .network, message: "refused"), at: F.at(0.5)))
        // Retrying in 4 s (doubling from 2) shown as a whole-second countdown from t0+0.5.
        _ = reduce(&state, .tick(now: F.at(0.5)))
        #expect(render(state, width: 120, height: 40).validUntil == F.at(1.5))
        state.changedAt[state.order[0]] = F.at(0)
        state.connection = .live
        state.selectedID = nil
        state.selectedIndex = nil
        #expect(render(state, width: 120, height: 40).validUntil == F.at(2))
    }
}
