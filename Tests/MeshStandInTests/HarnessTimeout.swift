import MeshAPI

/// A poll that never saw the state it waited for.
struct HarnessTimeout: Error {
    let batch: Batch?
}
