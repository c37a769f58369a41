import MeshAPI

/// The status groups `f` cycles through.
public enum StatusFilter: String, CaseIterable, Hashable, Sendable {
    case all, active, failed, done

    public var next: StatusFilter {
        let all = StatusFilter.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// `failed` means the batch ended badly (failed, expired, cancelled) or has failed items.
    public func admits(_ batch: Batch) -> Bool {
        let status = batch.status ?? BatchStatus(rawValue: "unknown")
        switch self {
        case .all: return true
        case .active: return !status.isTerminal
        case .failed:
            return status == .failed || status == .expired || status == .cancelled
                || (batch.requestCounts?.failed ?? 0) > 0
        case .done: return status.isTerminal
        }
    }
}
