import Foundation
import MeshAPI

/// What `jobs run` was asked for, journaled with the job so that `resume` needs no flags.
public struct JobSettings: Codable, Sendable, Hashable {
    /// Items per batch (a chunk), at most 50,000.
    public var batchSize: Int
    /// The most batches this job holds at once.
    public var slots: Int
    /// Slots of the owner's 10 left free for others (teammates, the dashboard's user).
    public var reserve: Int
    /// Retry rounds after the first attempt.
    public var retries: Int
    public var retryOn: RetryRule
    public var completionWindow: String
    /// The user's metadata, sent with every batch besides the job's own three keys.
    public var metadata: [String: String]

    public static let defaultBatchSize = 5_000
    public static let maxBatchSize = MeshLimits.requestsPerBatch
    public static let ownerLimit = MeshLimits.liveBatchesPerOwner

    public init(batchSize: Int = defaultBatchSize, slots: Int = ownerLimit, reserve: Int = 0, retries: Int = 3,
                retryOn: RetryRule = .retryable, completionWindow: String = "24h", metadata: [String: String] = [:]) {
        self.batchSize = batchSize
        self.slots = slots
        self.reserve = reserve
        self.retries = retries
        self.retryOn = retryOn
        self.completionWindow = completionWindow
        self.metadata = metadata
    }
}
