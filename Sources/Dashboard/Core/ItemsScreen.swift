/// One batch's items (Enter on a batch): what is shown of them and how.
public struct ItemsScreen: Hashable, Sendable {
    public var batchID: String
    public var outcome: ItemOutcomeFilter = .all
    /// Only items failing with this error code (`x` steps through the errors-by-code line).
    public var errorCode: String?
    /// `/` text: matches custom_id and error text, ignoring case.
    public var search = ""
    public var searchEditing = false
    public var sort: ItemSortKey = .submitted
    public var sortReversed = false
    /// The rows, rebuilt when results arrive or a filter changes (nil until the batch has results).
    public var index: ItemsIndex?
    public var scroll = ScrollState.selecting

    public init(batchID: String) {
        self.batchID = batchID
    }

    /// The filters as the index is built from them.
    public var query: ItemsQuery {
        ItemsQuery(outcome: outcome, errorCode: errorCode, search: search, sort: sort, reversed: sortReversed)
    }
}
