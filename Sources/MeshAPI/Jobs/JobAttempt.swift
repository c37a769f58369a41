import Foundation

/// One attempt of a chunk: one batch (once sent). `number` starts at 1; attempt 2 holds the
/// items of attempt 1 that are being retried, and so on.
public struct JobAttempt: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable {
        /// Planned, waiting for a slot.
        case queued
        /// Journaled before its create: a batch may exist for it (matched by metadata on resume).
        case sending
        /// Its batch exists (`batchID`) and has not been seen ending.
        case live
        /// Its batch ended and its results are in the journal.
        case ended
        /// Its batch vanished (404) or was never created before the job ended.
        case abandoned
    }

    public var number: Int
    public var phase: Phase
    public var batchID: String?
    /// The batch's status as last seen (`in_progress`, `completed`, ...).
    public var status: String?
    public var itemCount: Int
    public var completed: Int
    public var failed: Int
    public var sentAt: Date?
    public var endedAt: Date?

    public init(number: Int, phase: Phase, batchID: String?, status: String?, itemCount: Int, completed: Int,
                failed: Int, sentAt: Date?, endedAt: Date?) {
        self.number = number
        self.phase = phase
        self.batchID = batchID
        self.status = status
        self.itemCount = itemCount
        self.completed = completed
        self.failed = failed
        self.sentAt = sentAt
        self.endedAt = endedAt
    }
}
