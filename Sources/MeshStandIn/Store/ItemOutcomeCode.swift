/// How an item ended, as stored in `items.outcome`. Counts are derived from these, so
/// `request_counts` always equals what the stored results say.
enum ItemOutcomeCode: Int {
    case pending = 0
    case succeeded = 1
    case failed = 2
    /// Never ran: the batch was cancelled or expired first (`batch_cancelled` / `batch_expired`).
    case notRun = 3
}
