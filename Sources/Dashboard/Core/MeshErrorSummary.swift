import MeshAPI

/// The parts of a failure the poller needs after the fact: words for the header and Retry-After.
public struct MeshErrorSummary: Hashable, Sendable {
    public var words: String
    public var retryAfter: Double?
    /// Connection trouble (refused, timeout), as opposed to the server answering with an error.
    public var isNetwork: Bool

    public init(_ error: MeshError) {
        words = error.description
        retryAfter = error.retryAfter
        isNetwork = error.kind == .network || error.kind == .timeout
    }
}
