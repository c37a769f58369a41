import Foundation

/// The poller's bookkeeping, one part per concern. A poll round is one list walk plus the GETs it
/// decides on; the next round is scheduled only when every request of this one has answered, so
/// polls never overlap.
public struct PollState: Hashable, Sendable {
    /// The base interval (seconds) the person chose with `--interval` and `+`/`-`.
    public var baseInterval: Double
    public var paused: Bool = false
    /// Every request carries the epoch it was made in and every answer echoes it. `r` on an overdue
    /// round bumps its round: the old round's requests stop being counted, and their answers,
    /// whenever they come, are dropped instead of ending the new round early. A profile switch
    /// bumps its session: nothing asked for the old owner counts.
    public var epoch = Epoch()
    public var round = PollRound()
    public var walk = ListWalk()
    public var backoff = PollBackoff()
    public var connection = PollConnection()
    public var fetches = BatchFetches()

    public init(baseInterval: Double) {
        self.baseInterval = baseInterval
    }
}
