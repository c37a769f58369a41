/// A box drawn over the current screen that takes the keys while it is open.
public enum Overlay: Hashable, Sendable {
    case none
    case help(HelpScreen)
    case confirmCancel(CancelDialog)
}
