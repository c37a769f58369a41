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

extension ItemSortKey {
    /// Whether the order runs upward (▴) when not reversed: input order, ids a→z and failures first
    /// (the status rank) go up; tokens go most first, down (▾).
    var ascending: Bool { self != .tokens }

    /// The heading's and the status line's arrow for this order: ▴ ascending, ▾ descending.
    func arrow(reversed: Bool) -> String { ascending != reversed ? "▴" : "▾" }

    /// What the order puts first, for the message `s` and `S` leave: "custom id, z→a".
    func direction(reversed: Bool) -> String {
        switch self {
        case .submitted: return reversed ? "last submitted first" : "as submitted"
        case .customID: return reversed ? "z→a" : "a→z"
        case .status: return reversed ? "successes first" : "failures first"
        case .tokens: return reversed ? "fewest first" : "most first"
        }
    }
}
