/// Why the stand-in could not start (bad catalog, unreadable database...), said plainly.
public struct StandInStartupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
