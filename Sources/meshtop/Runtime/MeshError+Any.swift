import MeshAPI

extension MeshError {
    /// Any error as a `MeshError`, so the reducer sees one error type whatever the client threw.
    static func from(_ error: any Error) -> MeshError {
        if let mesh = error as? MeshError { return mesh }
        if error is CancellationError { return MeshError(kind: .network, message: "cancelled") }
        return MeshError(kind: .network, message: String(describing: error))
    }
}
