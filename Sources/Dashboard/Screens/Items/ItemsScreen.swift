/// One batch's items (Enter on a batch): what is shown of them and how.
public struct ItemsScreen: Hashable, Sendable {
    public var batchID: String
    public var outcome: ItemOutcomeFilter = .all
    /// Only items failing with this error code (`x` steps through the errors-by-code line).
    public var errorCode: String?
    /// `/` text: matches custom_id and error text, ignoring case.
    public var search = TextQuery()
    public var sort: ItemSortKey = .submitted
    public var sortReversed = false
    /// The rows (nil until the batch has results): a cache of the results and the query above,
    /// measured to matter (sorting 50,000 ids takes tens of milliseconds, more than a frame), so it
    /// is rebuilt when results arrive or the query changes, never per frame.
    public var index: ItemsIndex?
    public var scroll = ScrollState.selecting
    /// The Jobs screen it was opened from (Enter on a job's attempt), as it was: Esc goes back there.
    public var returnsTo: JobsScreen?

    public init(batchID: String) {
        self.batchID = batchID
    }

    /// The filters as the index is built from them.
    public var query: ItemsQuery {
        ItemsQuery(outcome: outcome, errorCode: errorCode, search: search.text, sort: sort, reversed: sortReversed)
    }
}
