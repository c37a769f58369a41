/// The batch list screen's own state. It lives on while the items of a batch are open, so Esc
/// comes back to the same row, sort and filter.
public struct ListScreen: Hashable, Sendable {
    public var sort: SortKey = .created
    /// `S` turns the sort around (created: oldest first).
    public var sortReversed = false
    public var statusFilter: StatusFilter = .all
    public var filterText = ""
    /// `/` is taking typed characters.
    public var filterEditing = false
    /// The ids shown, sorted and filtered; kept up to date by `reduce` so `render` reads only the
    /// visible slice.
    public var order: [String] = []
    /// `order` must be recomputed (a batch appeared, or a sort or filter key changed).
    var orderDirty = false
    /// The selection is an id, so it follows its batch when rows move; `scroll.selected` is its row.
    public var selectedID: String?
    public var scroll = ScrollState.selecting
    public var detailScroll = ScrollState.viewport
    public var focus: ListFocus = .list

    public init() {}
}
