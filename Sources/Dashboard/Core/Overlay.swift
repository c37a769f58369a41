/// A box drawn over the current screen that takes the keys while it is open.
public enum Overlay: Hashable, Sendable {
    case none
    /// The keys of the screen under it, then the global ones; scrolls.
    case help(ScrollState)
    /// "Cancel batch ...?" with "No" focused until the person moves to "Yes".
    case confirmCancel(batchID: String, yesFocused: Bool)
}
