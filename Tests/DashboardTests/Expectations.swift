import Foundation
@testable import Dashboard

// What several reducer suites expect of the same step, written once.

/// What the end of a good round without queued refresh changes (a failing one sets its failure after).
func roundEnded(_ state: inout DashboardState, at: Date, delay: Double) {
    state.now = at
    state.poll.connection.state = .live
    state.poll.backoff.failures = 0
    state.poll.round.outstanding = 0
    state.poll.round.active = false
    state.poll.round.startedAt = nil
    state.poll.backoff.lastDelay = delay
    state.poll.backoff.nextPollAt = at.addingTimeInterval(delay)
}

/// The first list answer of a fresh dashboard, an empty page at `at`: live, the list known, the
/// next poll at the idle pace (`delay`).
func firstEmptyPageLoaded(_ state: inout DashboardState, at: Date, delay: Double) {
    state.mirror.everLoaded = true
    state.mirror.slotHistory.record(used: 0, at: at)
    state.poll.connection.lastSuccessAt = at
    state.poll.walk.fullyLoaded = true
    state.poll.round.pages = 1
    state.poll.walk.pages = 1
    roundEnded(&state, at: at, delay: delay)
}
