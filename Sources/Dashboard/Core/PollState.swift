import Foundation

/// The poller's bookkeeping. A poll round is one list walk plus the GETs it decides on; the next
/// round is scheduled only when every request of this one has answered, so polls never overlap.
public struct PollState: Hashable, Sendable {
    /// The base interval (seconds) the person chose with `--interval` and `+`/`-`.
    public var baseInterval: Double
    public var connection: ConnectionState = .connecting
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
    /// Every request carries the epoch it was made in and every answer echoes it. `r` on an overdue
    /// round bumps its round: the old round's requests stop being counted, and their answers,
    /// whenever they come, are dropped instead of ending the new round early. A profile switch
    /// bumps its session: nothing asked for the old owner counts.
    public var epoch = Epoch()
    /// When the running round started; nil between rounds. A round running long is overdue.
    public var roundStartedAt: Date? = nil
    /// List pages asked for in this round (at most `DashboardState.maxPagesPerRound`).
    public var pagesThisRound: Int = 0
    /// The walk through the list: the cursors asked for so far and the pages read, across rounds
    /// when the page cap made it go on in the next one. A cursor handed out twice ends it.
    public var walkCursors: Set<String> = []
    public var walkPages: Int = 0
    /// Where the walk goes on in the next round, when this round's page cap stopped it.
    public var resumeAfter: String? = nil
    /// Why the list may be incomplete (a cursor repeated, too many pages, or still loading while
    /// `resumeAfter` is set), for the header.
    public var listIncomplete: String? = nil
    /// 404s in a row for batches that are non-terminal here: at two the batch is dropped.
    public var goneStrikes: [String: Int] = [:]

    public init(baseInterval: Double) {
        self.baseInterval = baseInterval
    }
}
