import Foundation

/// How the last polls went, as the header tells it.
public enum ConnectionState: Hashable, Sendable {
    /// No answer yet.
    case connecting
    case live
    /// Polls are failing. `since` is the first failure of this run; after a few failures in a row
    /// the header says "offline since" instead of "retrying".
    case failing(error: String, since: Date, failures: Int, nextAttempt: Date)
}
