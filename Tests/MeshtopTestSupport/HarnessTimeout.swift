import MeshAPI

/// A poll that never saw the state it waited for.
public struct HarnessTimeout: Error {
    public let batch: Batch?
}
