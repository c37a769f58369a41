import Foundation

/// How long the poller waits: failures in a row and the delay the last schedule asked for.
public struct PollBackoff: Hashable, Sendable {
    /// Failed rounds in a row.
    public var failures = 0
    /// The delay the last `schedulePoll` asked for, and when that poll is due.
    public var lastDelay: Double?
    public var nextPollAt: Date?

    public init() {}
}
