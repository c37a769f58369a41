import MeshAPI

/// One item's answer, ready to store: its result and whether it counts as completed or failed.
struct WorkedItem: Sendable {
    var result: BatchResult
    var succeeded: Bool
}
