/// The batch list screen's own state, with its detail pane. It lives on while the items of a batch
/// are open, so Esc comes back to the same row, sort and filter.
public struct ListScreen: Hashable, Sendable {
    public var sort: SortKey = .created
    /// `S` turns the sort around (created: oldest first).
    public var sortReversed = false
    public var statusFilter: StatusFilter = .all
    /// `/`: matches id, model and metadata.
    public var filter = TextQuery()
    /// `:`: a batch id to select (whole, without `batch_`, or its end).
    public var jump = TextQuery()
    /// The ids shown, sorted and filtered. A cache of the mirror and the keys above, measured to
    /// matter (sorting 10,000 batches per frame would cost the 1 ms a frame has); recomputed only
    /// when membership or a sort or filter key can change, so `render` reads only the visible slice.
    public var order: [String] = []
    /// Each ordered batch's `created_at`, made with `order` (see `OrderCreationTimes`).
    var orderCreatedAt = OrderCreationTimes()
    /// `order` must be recomputed (a batch appeared, or a sort or filter key changed).
    var orderDirty = false
    /// The selection is an id, so it follows its batch when rows move; `scroll.selected` is its row.
    public var selectedID: String?
    public var scroll = ScrollState.selecting
    public var detailScroll = ScrollState.viewport
    public var focus: ListFocus = .list
    /// `d` hides the detail pane, `z` zooms it.
    public var detailPane: DetailPaneMode = .shown

    public init() {}
}
