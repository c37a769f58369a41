import Foundation
import MeshAPI

/// The round under way: what it asked for and what it learnt so far.
public struct PollRound: Hashable, Sendable {
    /// A round is running (started by `pollDue`, `r`, or start).
    public var active = false
    /// When the running round started; nil between rounds. A round running long is overdue.
    public var startedAt: Date?
    /// Requests issued by `reduce` that have not answered yet.
    public var outstanding = 0
    /// Some request of this round failed; its error decides the backoff.
    public var error: MeshErrorSummary?
    /// A counted batch moved (status or counts) during this round: poll at the base interval.
    public var sawMovement = false
    /// `r` was pressed while a round ran: start another as soon as it ends.
    public var refreshQueued = false
    /// Batches this round's list pages refreshed: no GET needed for them.
    public var seen: Set<String> = []
    /// List pages asked for in this round (at most `DashboardState.maxPagesPerRound`).
    public var pages = 0
    /// How the batches that ended in this round ended, in the order seen: one message says them all.
    public var ended: [BatchStatus] = []

    public init() {}
}
