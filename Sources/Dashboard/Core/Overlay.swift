/// A box drawn over the current view that takes the keys while it is open.
public enum Overlay: Hashable, Sendable {
    case none
    /// The `?` key table.
    case help
    /// "Cancel batch ...?" with "No" focused until the person moves to "Yes".
    case confirmCancel(batchID: String, yesFocused: Bool)
}
