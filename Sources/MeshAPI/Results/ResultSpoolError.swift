/// The disk under a `ResultSpool` failed (full, or gone).
public struct ResultSpoolError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
