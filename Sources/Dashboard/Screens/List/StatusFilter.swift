import MeshAPI

/// The status groups `f` cycles through, each named for what it selects.
public enum StatusFilter: String, CaseIterable, Hashable, Sendable, Codable {
    case all
    /// Not ended yet (these hold quota slots).
    case active
    /// Ended, however.
    case done
    /// Any batch with failed items, or that ended badly (failed, expired).
    case hasFailures = "has failures"
    /// Status `failed` only.
    case failed = "status failed"

    public var next: StatusFilter {
        let all = StatusFilter.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    public func admits(_ batch: Batch) -> Bool {
        let status = batch.status ?? BatchStatus(rawValue: "unknown")
        switch self {
        case .all: return true
        case .active: return !status.isTerminal
        case .done: return status.isTerminal
        case .hasFailures:
            return status == .failed || status == .expired || (batch.requestCounts?.failed ?? 0) > 0
        case .failed: return status == .failed
        }
    }
}
