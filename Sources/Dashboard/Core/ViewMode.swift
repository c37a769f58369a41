/// Which full-screen view is showing.
public enum ViewMode: Hashable, Sendable {
    /// The batch list with its detail pane.
    case list
    /// One batch's items (Enter on a batch).
    case items(batchID: String)
    /// One item's whole result, pretty-printed (Enter on an item).
    case itemBody(batchID: String, customID: String)
}
