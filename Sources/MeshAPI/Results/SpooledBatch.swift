import Foundation
/// A batch whose item results went to a `ResultSpool` as they arrived: the batch itself (with
/// `results` nil), one `ItemSummary` a result, and the token usage summed over them.
public struct SpooledBatch: Sendable {
    public var batch: Batch
    /// nil when the server sent no results (the batch is still running, or has none to give).
    public var items: [ItemSummary]?
    public var usage: TokenUsage
    /// The answer's `Date` header: the server's clock when it answered.
    public var serverDate: Date?

    public init(batch: Batch, items: [ItemSummary]?, usage: TokenUsage = TokenUsage(), serverDate: Date? = nil) {
        self.batch = batch
        self.items = items
        self.usage = usage
        self.serverDate = serverDate
    }
}
