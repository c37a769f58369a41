/// The orders of the items screen; `s` cycles, `S` reverses. `submitted` is the order the server
/// returned them in (the batch's input order).
public enum ItemSortKey: String, CaseIterable, Hashable, Sendable {
    case submitted
    case customID = "custom id"
    case status
    case tokens

    public var next: ItemSortKey {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
