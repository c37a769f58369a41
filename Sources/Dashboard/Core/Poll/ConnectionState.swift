import Foundation

/// How the last polls went, as the header tells it.
public enum ConnectionState: Hashable, Sendable {
    /// No answer yet: nothing is known about the batches (the quota reads `?/10`).
    case connecting
    case live
    /// The last round failed; see `ConnectionFailure.kind` for how it reads.
    case failing(ConnectionFailure)
}
