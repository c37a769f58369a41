/// What the items screen asks of a batch's items: filters and order.
public struct ItemsQuery: Hashable, Sendable {
    public var outcome: ItemOutcomeFilter = .all
    public var errorCode: String?
    public var search = ""
    public var sort: ItemSortKey = .submitted
    public var reversed = false

    public init(outcome: ItemOutcomeFilter = .all, errorCode: String? = nil, search: String = "",
                sort: ItemSortKey = .submitted, reversed: Bool = false) {
        self.outcome = outcome
        self.errorCode = errorCode
        self.search = search
        self.sort = sort
        self.reversed = reversed
    }

    public var isFiltered: Bool { outcome != .all || errorCode != nil || !search.isEmpty }
}
