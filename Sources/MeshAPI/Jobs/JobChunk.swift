/// One chunk of a job: items of one model, cut to `--batch-size`, and every attempt made for it
/// (the first, then one per retry round, each holding the items still to be retried).
public struct JobChunk: Sendable, Hashable {
    public var number: Int
    public var model: String
    public var itemCount: Int
    public var attempts: [JobAttempt]

    public init(number: Int, model: String, itemCount: Int, attempts: [JobAttempt]) {
        self.number = number
        self.model = model
        self.itemCount = itemCount
        self.attempts = attempts
    }
}
