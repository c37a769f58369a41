import Foundation

/// One line of the event log (`L`): a batch that ended, or something the server refused.
public struct LoggedEvent: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case completed, failed, expired, cancelled
        /// A request the server said no to: a cancel, or the key itself.
        case refused
    }

    public var kind: Kind
    /// On the server's clock, as ages are: the log reads with the server's own times.
    public var at: Date
    public var batchID: String?
    /// The batch's `project` metadata, when it has one.
    public var project: String?
    /// What happened, in words ("498 ok, 2 failed", "cancel refused: ...").
    public var text: String

    public init(_ kind: Kind, at: Date, batchID: String? = nil, project: String? = nil, text: String) {
        self.kind = kind
        self.at = at
        self.batchID = batchID
        self.project = project
        self.text = text
    }
}
