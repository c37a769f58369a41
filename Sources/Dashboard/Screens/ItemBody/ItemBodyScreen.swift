import MeshAPI

/// One item's whole result (Enter on an item): the answer or error text first, then the raw JSON.
public struct ItemBodyScreen: Hashable, Sendable {
    public var customID: String
    public var outcome: ItemOutcome
    /// nil while the runtime reads it from the spool.
    public var content: ItemBodyContent?
    public var failure: String?
    /// `w`: long lines wrap to the width (on) or run off to the right, scrolled with ←/→ (off).
    public var wrap = true
    public var scroll = ScrollState.viewport
    /// First column shown when wrap is off.
    public var column = 0

    public init(customID: String, outcome: ItemOutcome) {
        self.customID = customID
        self.outcome = outcome
    }
}
