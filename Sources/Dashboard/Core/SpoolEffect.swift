import MeshAPI

/// Reads and releases of the results spool (the bodies behind the summaries `ResultsStore` keeps).
public enum SpoolEffect: Hashable, Sendable {
    /// Read the result object at `span`, decode it as JSON -> `.itemBodyLoaded` / `.itemBodyFailed`.
    case loadItemBody(batchID: String, customID: String, span: ByteSpan)
    /// Write the objects at `spans`, one a line, to `fileName` in the current directory
    /// -> `.exportFinished(path:)` / `.exportFailed`.
    case export(fileName: String, spans: [ByteSpan])
    /// Give this space back. `reduce` asks only when no read it started is still under way.
    case release(spans: [ByteSpan])
}
