/// One input line's final (or latest) state, in input order: what `jobs results` prints.
public struct JobItemResult: Sendable {
    public enum State: String, Sendable {
        case succeeded, failed
        /// Not done yet: waiting for an attempt, or in one.
        case pending
    }

    public var customID: String
    public var state: State
    /// The batch result's JSON text as the server sent it (or one meshtop wrote for an item that
    /// never ran), nil when the item has no result yet.
    public var resultText: String?
    public var chunk: Int
    /// The attempt the result came from.
    public var attempt: Int?
    public var batchID: String?
}
