import MeshAPI

/// The parts of a failure the poller needs after the fact: words for the header, Retry-After, and
/// what kind of trouble it is.
public struct MeshErrorSummary: Hashable, Sendable {
    public var words: String
    public var retryAfter: Double?
    public var kind: ConnectionFailure.Kind

    public init(_ error: MeshError, onListRoute: Bool = false) {
        words = error.description
        retryAfter = error.retryAfter
        switch (error.kind, error.status) {
        case (.api, 401?), (.api, 403?): kind = .keyRefused
        case (.api, 404?) where onListRoute: kind = .noBatchAPI
        case (.api, _) where !error.isOutage: kind = .other
        default: kind = .outage
        }
    }

    /// Keeps the more telling of two failures of one round: a refused key explains everything else.
    func outranks(_ other: MeshErrorSummary) -> Bool {
        func rank(_ kind: ConnectionFailure.Kind) -> Int {
            switch kind {
            case .keyRefused: return 3
            case .noBatchAPI: return 2
            case .other: return 1
            case .outage: return 0
            }
        }
        return rank(kind) > rank(other.kind)
    }
}
