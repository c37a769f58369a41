import Foundation

/// A failing connection: what kind of trouble, since when, and when the poller tries again.
public struct ConnectionFailure: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The server could not be reached or answered 5xx/429: it may come back by itself.
        case outage
        /// 401/403: the server is up and refuses the key. Retrying fast cannot help.
        case keyRefused
        /// 404 on the list route: there is no Mesh batch API at this base URL.
        case noBatchAPI
        /// Any other error answer.
        case other
    }

    public var kind: Kind
    /// The error in words, safe to show.
    public var words: String
    /// The first failure of this run of failures.
    public var since: Date
    /// Failed rounds in a row.
    public var failures: Int
    public var nextAttempt: Date

    public init(kind: Kind, words: String, since: Date, failures: Int, nextAttempt: Date) {
        self.kind = kind
        self.words = words
        self.since = since
        self.failures = failures
        self.nextAttempt = nextAttempt
    }
}
