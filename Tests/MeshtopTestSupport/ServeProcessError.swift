/// `meshtop serve` did not come up as a test needed.
public struct ServeProcessError: Error, CustomStringConvertible {
    public let message: String
    /// The exit status when the process ended by itself before listening (a refused start); nil
    /// when it was still running and was killed.
    public var exitStatus: Int32? = nil
    public var description: String { message }
}
