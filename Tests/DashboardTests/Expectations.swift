import Foundation
@testable import Dashboard

// What several reducer suites expect of the same step, written once.

/// Lines of the selected batch's detail pane as `reduce` measures them (its extent).
func detailLines(_ state: DashboardState) -> Int {
    state.selectedBatch.map { DetailContent(state: state, batch: $0, width: state.layout.detailTextWidth).lines.count } ?? 0
}

/// What the end of a good round without queued refresh changes (a failing one sets its failure after).
func roundEnded(_ state: inout DashboardState, at: Date, delay: Double) {
    state.now = at
    state.poll.connection = .live
    state.poll.consecutiveFailures = 0
    state.poll.outstanding = 0
    state.poll.roundActive = false
    state.poll.roundStartedAt = nil
    state.poll.lastDelay = delay
    state.poll.nextPollAt = at.addingTimeInterval(delay)
}

/// The first list answer of a fresh dashboard, an empty page at `at`: live, the list known, the
/// next poll at the idle pace (`delay`).
func firstEmptyPageLoaded(_ state: inout DashboardState, at: Date, delay: Double) {
    state.mirror.everLoaded = true
    state.mirror.slotHistory.record(used: 0, at: at)
    state.poll.lastSuccessAt = at
    state.poll.listFullyLoaded = true
    state.poll.pagesThisRound = 1
    state.poll.walkPages = 1
    roundEnded(&state, at: at, delay: delay)
}
