import Foundation

/// The message line: the latest thing worth telling, and whether it is bad news.
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
    public var at: Date

    public init(_ text: String, isError: Bool = false, at: Date) {
        self.text = text
        self.isError = isError
        self.at = at
    }
}
