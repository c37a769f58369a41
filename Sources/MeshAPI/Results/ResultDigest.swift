import Foundation

/// What an `ItemSummary` needs from one result object, decoded without building the response
/// body as a `JSONValue` tree (the answer text, the choices): the same reading as `BatchResult`'s
/// `outcome`, `effectiveError` and `usage`, at a fraction of the allocations, 50,000 times over.
struct ResultDigest: Decodable, Equatable {
    var customID: String
    var outcome: ItemOutcome
    var statusCode: Int?
    var error: ItemError?
    var usage: TokenUsage?
    /// `ItemSummary.answerStart` of the answer (`ItemSummary.answerText`).
    var answerStart: String?

    private enum Key: String, CodingKey {
        case customID = "custom_id", response, error, statusCode = "status_code", body
        case code, type, message, usage, choices, content
        case promptTokens = "prompt_tokens", completionTokens = "completion_tokens", totalTokens = "total_tokens"
    }

    init(from decoder: Decoder) throws {
        let result = try decoder.container(keyedBy: Key.self)
        customID = (try? result.decodeIfPresent(String.self, forKey: .customID)) ?? ""
        let topError = (try? result.decodeIfPresent(ItemError.self, forKey: .error)) ?? nil
        // A response that is not an object counts as none, as in `BatchResult`.
        guard let response = try? result.nestedContainer(keyedBy: Key.self, forKey: .response) else {
            outcome = .notRun
            error = topError
            return
        }
        statusCode = (try? response.decodeIfPresent(Int.self, forKey: .statusCode)) ?? nil
        if let status = statusCode, status >= 400 {
            outcome = .failed
        } else {
            outcome = statusCode == nil && topError != nil ? .failed : .succeeded
        }
        let body = try? response.nestedContainer(keyedBy: Key.self, forKey: .body)
        error = topError ?? body.flatMap(Self.bodyError)
        usage = body.flatMap(Self.usage)
        answerStart = ItemSummary.answerStart(body.flatMap(Self.answer))
    }

    /// `body.choices[0].message.content` when it is text (`ItemSummary.answerText`'s reading).
    private static func answer(_ body: KeyedDecodingContainer<Key>) -> String? {
        guard var choices = try? body.nestedUnkeyedContainer(forKey: .choices),
              let first = try? choices.nestedContainer(keyedBy: Key.self),
              let message = try? first.nestedContainer(keyedBy: Key.self, forKey: .message) else { return nil }
        return try? message.decode(String.self, forKey: .content)
    }

    /// `body.error`: a message string, or an object with `code` (or `type`) and `message`.
    private static func bodyError(_ body: KeyedDecodingContainer<Key>) -> ItemError? {
        if let message = try? body.decode(String.self, forKey: .error) { return ItemError(code: nil, message: message) }
        guard let error = try? body.nestedContainer(keyedBy: Key.self, forKey: .error) else { return nil }
        let code = (try? error.decode(String.self, forKey: .code)) ?? (try? error.decode(String.self, forKey: .type))
        return ItemError(code: code, message: try? error.decode(String.self, forKey: .message))
    }

    /// `body.usage`, when it is an object.
    private static func usage(_ body: KeyedDecodingContainer<Key>) -> TokenUsage? {
        guard let usage = try? body.nestedContainer(keyedBy: Key.self, forKey: .usage) else { return nil }
        // Range-checked as `TokenUsage`'s own decoding does: these are summed over every item.
        return TokenUsage(
            promptTokens: WireNumber.count(try? usage.decode(Int.self, forKey: .promptTokens)) ?? 0,
            completionTokens: WireNumber.count(try? usage.decode(Int.self, forKey: .completionTokens)) ?? 0,
            totalTokens: WireNumber.count(try? usage.decode(Int.self, forKey: .totalTokens)))
    }

    /// The same reading from a parsed result (`JSONValueParser`, about four times as fast as
    /// `JSONDecoder` here, which was most of `batches results`); nil when it is not an object.
    init?(parsed value: JSONValue) {
        guard case .object(let result) = value else { return nil }
        customID = result["custom_id"]?.stringValue ?? ""
        let topError = result["error"].flatMap(Self.itemError(parsed:))
        guard case .object(let response)? = result["response"] else {
            outcome = .notRun
            error = topError
            return
        }
        statusCode = response["status_code"]?.exactInt
        if let status = statusCode, status >= 400 {
            outcome = .failed
        } else {
            outcome = statusCode == nil && topError != nil ? .failed : .succeeded
        }
        let body = response["body"]?.objectValue
        error = topError ?? body.flatMap(Self.bodyError(parsed:))
        usage = body.flatMap(Self.usage(parsed:))
        answerStart = ItemSummary.answerStart(ItemSummary.answerText(ofBody: response["body"]))
    }

    /// Reads `bytes` (one result object) with the parser, or with `JSONDecoder` when the parser
    /// refuses it (it is stricter: 1e400), so no result Codable could read is skipped.
    static func reading(_ bytes: Data) -> ResultDigest? {
        if let value = try? JSONValueParser.parse(bytes) { return ResultDigest(parsed: value) }
        return try? JSONDecoder().decode(ResultDigest.self, from: bytes)
    }

    /// `ItemError`'s Codable reading: an object, its string `code` and `message`.
    private static func itemError(parsed value: JSONValue) -> ItemError? {
        guard case .object(let error) = value else { return nil }
        return ItemError(code: error["code"]?.stringValue, message: error["message"]?.stringValue)
    }

    private static func bodyError(parsed body: [String: JSONValue]) -> ItemError? {
        if case .string(let message)? = body["error"] { return ItemError(code: nil, message: message) }
        guard case .object(let error)? = body["error"] else { return nil }
        return ItemError(code: error["code"]?.stringValue ?? error["type"]?.stringValue, message: error["message"]?.stringValue)
    }

    private static func usage(parsed body: [String: JSONValue]) -> TokenUsage? {
        guard case .object(let usage)? = body["usage"] else { return nil }
        return TokenUsage(
            promptTokens: WireNumber.count(usage["prompt_tokens"]?.exactInt) ?? 0,
            completionTokens: WireNumber.count(usage["completion_tokens"]?.exactInt) ?? 0,
            totalTokens: WireNumber.count(usage["total_tokens"]?.exactInt))
    }
}
