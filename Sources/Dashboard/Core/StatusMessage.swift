import Foundation

/// The message line: the latest thing worth telling, and whether it is bad news.
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
    public var at: Date

    /// Seconds after which the message is drawn faint (it is old news), and after which it is gone.
    /// Long enough to read a long line twice; the event log (`L`) keeps what ended or was refused.
    public static let fadeSeconds: Double = 10
    public static let goneSeconds: Double = 20

    public init(_ text: String, isError: Bool = false, at: Date) {
        self.text = text
        self.isError = isError
        self.at = at
    }
}
