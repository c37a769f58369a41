/// An item the simulated provider has yet to work.
struct PendingItem: Sendable {
    var index: Int
    var customID: String
    var bodyJSON: String
}
