import Foundation

/// How the server answers: the state the header's second line says, and when it last answered well.
public struct PollConnection: Hashable, Sendable {
    public var state: ConnectionState = .connecting
    /// When the last successful list answer came.
    public var lastSuccessAt: Date?

    public init() {}
}
