/// Why a theme file was refused, in words a person can act on.
public struct ThemeParseError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
