/// `meshtop serve` did not come up as a test needed.
public struct ServeProcessError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
