/// One item's result, matched to its request by `custom_id` (results come in no guaranteed order).
public struct BatchResult: Codable, Hashable, Sendable {
    public var customID: String
    public var response: ItemResponse?
    public var error: ItemError?

    enum CodingKeys: String, CodingKey {
        case customID = "custom_id"
        case response
        case error
    }

    public init(customID: String, response: ItemResponse?, error: ItemError?) {
        self.customID = customID
        self.response = response
        self.error = error
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        customID = (try? container.decodeIfPresent(String.self, forKey: .customID)) ?? ""
        response = try? container.decodeIfPresent(ItemResponse.self, forKey: .response)
        error = try? container.decodeIfPresent(ItemError.self, forKey: .error)
    }

    /// Writes `response` and `error` as explicit nulls, as the Mesh API does.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(customID, forKey: .customID)
        try container.encode(response, forKey: .response)
        try container.encode(error, forKey: .error)
    }

    public var outcome: ItemOutcome {
        guard let response else { return .notRun }
        if let status = response.statusCode, status >= 400 { return .failed }
        if response.statusCode == nil, error != nil { return .failed }
        return .succeeded
    }

    /// The error that explains a failed or unrun item: the top-level `error`, or the
    /// `error` object inside the response body.
    public var effectiveError: ItemError? {
        if let error { return error }
        // `"error": null` in a body (some OpenAI-compatible servers send it on success) is no error.
        guard let errorValue = response?.body?["error"], errorValue != .null else { return nil }
        if let message = errorValue.stringValue { return ItemError(code: nil, message: message) }
        return ItemError(code: errorValue["code"]?.stringValue ?? errorValue["type"]?.stringValue,
                         message: errorValue["message"]?.stringValue)
    }

    /// Token usage from a chat.completion body, when it has one.
    public var usage: TokenUsage? {
        guard let usage = response?.body?["usage"], usage.objectValue != nil else { return nil }
        return TokenUsage(
            promptTokens: usage["prompt_tokens"]?.intValue ?? 0,
            completionTokens: usage["completion_tokens"]?.intValue ?? 0,
            totalTokens: usage["total_tokens"]?.intValue)
    }
}
