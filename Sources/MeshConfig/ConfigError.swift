/// A configuration problem, said in words safe to print: it never includes a key.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
