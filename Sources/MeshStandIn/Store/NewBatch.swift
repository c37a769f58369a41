import MeshAPI

/// A validated create request, ready to store: one model, its provider, and the items in order.
struct NewBatch: Sendable {
    struct Item: Sendable {
        var customID: String
        /// The item's `body`, as JSON text.
        var bodyJSON: String
    }

    var model: String
    var provider: String
    var completionWindow: String
    var windowSeconds: Int
    var metadata: [String: JSONValue]?
    var items: [Item]
}
