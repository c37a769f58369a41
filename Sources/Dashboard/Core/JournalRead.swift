/// A read of the job journal for the Jobs screen, done by the runtime (read-only, safe while a
/// runner writes) and answered with `Action.jobsLoaded` or `Action.jobsFailed`.
public struct JournalRead: Hashable, Sendable {
    /// The job whose chunks and attempts are wanted too (the one open on the screen), if any.
    public var chunksOf: String?

    public init(chunksOf: String? = nil) {
        self.chunksOf = chunksOf
    }
}
