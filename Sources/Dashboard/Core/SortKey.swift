/// The orders `s` cycles through. Ties always fall back to newest first, so the order is total.
public enum SortKey: String, CaseIterable, Hashable, Sendable {
    case created, status, progress, model

    public var next: SortKey {
        let all = SortKey.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
