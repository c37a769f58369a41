/// The orders `s` cycles through (`S` reverses). Ties always fall back to newest first, so the
/// order is total.
public enum SortKey: String, CaseIterable, Hashable, Sendable, Codable {
    case created, status, progress, model, eta

    public var next: SortKey {
        let all = SortKey.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
