/// A batch's status. Kept as the string the API sent, so a status this version does not know
/// survives decoding and is shown as-is (and treated as non-terminal, as mesh-api.md asks).
public struct BatchStatus: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static let validating = BatchStatus(rawValue: "validating")
    public static let inProgress = BatchStatus(rawValue: "in_progress")
    public static let finalizing = BatchStatus(rawValue: "finalizing")
    public static let completed = BatchStatus(rawValue: "completed")
    public static let failed = BatchStatus(rawValue: "failed")
    public static let expired = BatchStatus(rawValue: "expired")
    public static let cancelling = BatchStatus(rawValue: "cancelling")
    public static let cancelled = BatchStatus(rawValue: "cancelled")

    /// The eight statuses the contract names, in lifecycle order.
    public static let known: [BatchStatus] = [
        .validating, .inProgress, .finalizing, .completed, .failed, .expired, .cancelling, .cancelled,
    ]

    /// Terminal statuses never change again. Unknown statuses count as non-terminal.
    public var isTerminal: Bool {
        self == .completed || self == .failed || self == .expired || self == .cancelled
    }

    public var description: String { rawValue }
}
