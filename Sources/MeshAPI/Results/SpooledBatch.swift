/// A batch whose item results went to a `ResultSpool` as they arrived: the batch itself (with
/// `results` nil), one `ItemSummary` a result, and the token usage summed over them.
public struct SpooledBatch: Sendable {
    public var batch: Batch
    /// nil when the server sent no results (the batch is still running, or has none to give).
    public var items: [ItemSummary]?
    public var usage: TokenUsage

    public init(batch: Batch, items: [ItemSummary]?, usage: TokenUsage = TokenUsage()) {
        self.batch = batch
        self.items = items
        self.usage = usage
    }
}
