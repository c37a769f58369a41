/// Prices in USD per million tokens, as decimal strings (or null) on the wire.
public struct ModelPricing: Codable, Hashable, Sendable {
    public var promptUSDPer1M: String?
    public var completionUSDPer1M: String?
    public var batchInputUSDPer1M: String?
    public var batchOutputUSDPer1M: String?

    enum CodingKeys: String, CodingKey {
        case promptUSDPer1M = "prompt_usd_per_1m"
        case completionUSDPer1M = "completion_usd_per_1m"
        case batchInputUSDPer1M = "batch_input_usd_per_1m"
        case batchOutputUSDPer1M = "batch_output_usd_per_1m"
    }

    public init(promptUSDPer1M: String? = nil, completionUSDPer1M: String? = nil,
                batchInputUSDPer1M: String? = nil, batchOutputUSDPer1M: String? = nil) {
        self.promptUSDPer1M = promptUSDPer1M
        self.completionUSDPer1M = completionUSDPer1M
        self.batchInputUSDPer1M = batchInputUSDPer1M
        self.batchOutputUSDPer1M = batchOutputUSDPer1M
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        promptUSDPer1M = Self.decodePrice(c, .promptUSDPer1M)
        completionUSDPer1M = Self.decodePrice(c, .completionUSDPer1M)
        batchInputUSDPer1M = Self.decodePrice(c, .batchInputUSDPer1M)
        batchOutputUSDPer1M = Self.decodePrice(c, .batchOutputUSDPer1M)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(promptUSDPer1M, forKey: .promptUSDPer1M)
        try c.encode(completionUSDPer1M, forKey: .completionUSDPer1M)
        try c.encode(batchInputUSDPer1M, forKey: .batchInputUSDPer1M)
        try c.encode(batchOutputUSDPer1M, forKey: .batchOutputUSDPer1M)
    }

    /// A price as a string, also accepted as a JSON number.
    private static func decodePrice(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) -> String? {
        if let value = try? c.decodeIfPresent(String.self, forKey: key) { return value }
        if let value = try? c.decodeIfPresent(Double.self, forKey: key) { return String(value) }
        return nil
    }

    /// Estimated USD for a batch's token usage at batch prices; nil when a price is unknown.
    public func estimatedBatchCost(_ usage: TokenUsage) -> Double? {
        guard let input = batchInputUSDPer1M.flatMap(Double.init),
              let output = batchOutputUSDPer1M.flatMap(Double.init) else { return nil }
        return (Double(usage.promptTokens) * input + Double(usage.completionTokens) * output) / 1_000_000
    }
}
