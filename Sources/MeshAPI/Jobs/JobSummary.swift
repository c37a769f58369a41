import Foundation

/// One job as the journal holds it, in plain values: what `jobs list` prints and what a Jobs
/// screen draws. Read with `JobJournalReader` (MeshJobs), which is safe while a runner writes.
public struct JobSummary: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var state: JobState
    public var createdAt: Date
    /// When the journal last changed for this job.
    public var updatedAt: Date
    /// Input lines (items) in the job.
    public var total: Int
    public var succeeded: Int
    /// Final failures (retries used up, or not worth retrying).
    public var failedForGood: Int
    /// Failed or never ran, and waiting for another attempt.
    public var waitingToRetry: Int
    /// Batches of this job sent and not yet ended.
    public var liveBatches: Int
    /// Chunk attempts planned and not yet sent (waiting for a slot).
    public var queuedBatches: Int
    /// The most batches this job may hold at once (`--slots`).
    public var slots: Int
    /// Estimated cost of every attempt's results so far, from the model catalog's batch prices.
    public var costUSD: Double
    /// Why a `stopped` job stopped (the server's message and what to check).
    public var stopReason: String?
    /// The process driving it now, if any.
    public var driver: JobDriver?
    /// Items that reached a final result since `runStartedAt` (the current or last driver's
    /// start): enough for an ETA of the whole job (`eta(now:)`).
    public var doneThisRun: Int
    public var runStartedAt: Date?

    public init(id: String, name: String, state: JobState, createdAt: Date, updatedAt: Date, total: Int,
                succeeded: Int, failedForGood: Int, waitingToRetry: Int, liveBatches: Int, queuedBatches: Int,
                slots: Int, costUSD: Double, stopReason: String? = nil, driver: JobDriver? = nil,
                doneThisRun: Int = 0, runStartedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.total = total
        self.succeeded = succeeded
        self.failedForGood = failedForGood
        self.waitingToRetry = waitingToRetry
        self.liveBatches = liveBatches
        self.queuedBatches = queuedBatches
        self.slots = slots
        self.costUSD = costUSD
        self.stopReason = stopReason
        self.driver = driver
        self.doneThisRun = doneThisRun
        self.runStartedAt = runStartedAt
    }

    /// Items with a final result.
    public var done: Int { succeeded + failedForGood }

    /// Seconds until every item is done at the rate seen so far; nil before anything is done.
    public func eta(now: Date) -> TimeInterval? {
        guard let runStartedAt, doneThisRun > 0 else { return nil }
        let elapsed = now.timeIntervalSince(runStartedAt)
        guard elapsed > 0 else { return nil }
        return Double(total - done) / (Double(doneThisRun) / elapsed)
    }
}
