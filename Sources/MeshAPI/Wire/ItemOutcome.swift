/// What became of one item, read from its result.
public enum ItemOutcome: String, Hashable, Sendable {
    /// The provider answered 2xx.
    case succeeded
    /// The provider answered with an error status.
    case failed
    /// The item never ran (the batch was cancelled or expired first).
    case notRun = "not run"
}
