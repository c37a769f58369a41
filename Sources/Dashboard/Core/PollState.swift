import Foundation

/// The poller's bookkeeping. A poll round is one list walk plus the GETs it decides on; the next
/// round is scheduled only when every request of this one has answered, so polls never overlap.
public struct PollState: Hashable, Sendable {
    /// The base interval (seconds) the person chose with `--interval` and `+`/`-`.
    public var baseInterval: Double
    /// Requests issued by `reduce` that have not answered yet.
    public var outstanding: Int = 0
    /// A round is running (started by `pollDue`, `r`, or start).
    public var roundActive: Bool = false
    /// Some request of this round failed; its error decides the backoff.
    public var roundError: MeshErrorSummary? = nil
    /// A counted batch moved (status or counts) during this round: poll at the base interval.
    public var roundSawMovement: Bool = false
    /// `r` was pressed while a round ran: start another as soon as it ends.
    public var refreshQueued: Bool = false
    /// Batches this round's list pages refreshed: no GET needed for them.
    public var seenThisRound: Set<String> = []
    /// Batches with a GET under way: never a second one at the same time (a batch of 50,000 results
    /// fetched twice at once would hold both answers' summaries).
    public var fetching: Set<String> = []
    public var paused: Bool = false
    /// Failed rounds in a row.
    public var consecutiveFailures: Int = 0
    /// Every page of the list has been walked once; later rounds read only new pages.
    public var listFullyLoaded: Bool = false
    /// The delay the last `schedulePoll` asked for, and when that poll is due.
    public var lastDelay: Double? = nil
    public var nextPollAt: Date? = nil
    /// When the last successful list answer came.
    public var lastSuccessAt: Date? = nil

    public init(baseInterval: Double) {
        self.baseInterval = baseInterval
    }
}
