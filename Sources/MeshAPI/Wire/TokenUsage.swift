/// Token counts from a chat.completion body's `usage`.
public struct TokenUsage: Codable, Hashable, Sendable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
    }

    public init(promptTokens: Int = 0, completionTokens: Int = 0, totalTokens: Int? = nil) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens ?? WireNumber.sum(promptTokens, completionTokens)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Counts out of range are treated as absent (see `WireNumber`): they are summed over 50,000 items.
        promptTokens = WireNumber.count(try? container.decodeIfPresent(Int.self, forKey: .promptTokens)) ?? 0
        completionTokens = WireNumber.count(try? container.decodeIfPresent(Int.self, forKey: .completionTokens)) ?? 0
        totalTokens = WireNumber.count(try? container.decodeIfPresent(Int.self, forKey: .totalTokens))
            ?? WireNumber.sum(promptTokens, completionTokens)
    }

    /// Saturating sums: a batch's usage is the sum of every item's.
    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(
            promptTokens: WireNumber.sum(lhs.promptTokens, rhs.promptTokens),
            completionTokens: WireNumber.sum(lhs.completionTokens, rhs.completionTokens),
            totalTokens: WireNumber.sum(lhs.totalTokens, rhs.totalTokens))
    }
}
