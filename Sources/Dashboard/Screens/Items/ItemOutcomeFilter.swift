import MeshAPI

/// Which items the items screen shows; `f` cycles.
public enum ItemOutcomeFilter: String, CaseIterable, Hashable, Sendable {
    case all
    case failed
    case notRun = "not run"
    case succeeded

    public var next: ItemOutcomeFilter {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    public func admits(_ outcome: ItemOutcome) -> Bool {
        switch self {
        case .all: return true
        case .failed: return outcome == .failed
        case .notRun: return outcome == .notRun
        case .succeeded: return outcome == .succeeded
        }
    }
}
