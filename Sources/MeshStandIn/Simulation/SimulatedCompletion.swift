import Foundation
import MeshAPI

/// What the simulated provider answers for one item: a chat.completion whose `usage` is derived
/// from the request, or (at `failureRate`) one of the errors real providers send back.
struct SimulatedCompletion {
    let model: String
    let failureRate: Double

    func result(customID: String, bodyJSON: String, now: Int) -> (result: BatchResult, succeeded: Bool) {
        let body = (try? JSONValueParser.parse(bodyJSON)) ?? .object([:])
        if Double.random(in: 0..<1) < failureRate {
            let (status, code, type, message) = Self.failures.randomElement()!
            let errorBody: JSONValue = .object([
                "error": .object(["code": .string(code), "type": .string(type), "message": .string(message)])
            ])
            return (BatchResult(customID: customID, response: ItemResponse(statusCode: status, body: errorBody), error: nil),
                    false)
        }
        let messages = body["messages"]?.arrayValue ?? []
        let promptText = messages.compactMap { $0["content"]?.stringValue }.joined(separator: " ")
        // About four characters a token, plus a few tokens of framing per message, as tokenizers count.
        let promptTokens = max(1, promptText.count / 4 + 4 * messages.count)
        let cap = body["max_completion_tokens"]?.intValue ?? body["max_tokens"]?.intValue ?? 256
        let completionTokens = max(1, min(cap, Int.random(in: 16...200)))
        let lastUser = messages.last { $0["role"]?.stringValue == "user" }?["content"]?.stringValue ?? promptText
        let content = "Simulated answer (\(completionTokens) tokens) to: \(lastUser.prefix(80))"
        let completion: JSONValue = .object([
            "id": .string("chatcmpl-" + ULID.make()),
            "object": .string("chat.completion"),
            "created": .number(Double(now)),
            "model": .string(model),
            "choices": .array([
                .object([
                    "index": .number(0),
                    "message": .object(["role": .string("assistant"), "content": .string(content)]),
                    "finish_reason": .string(completionTokens == cap ? "length" : "stop"),
                ])
            ]),
            "usage": .object([
                "prompt_tokens": .number(Double(promptTokens)),
                "completion_tokens": .number(Double(completionTokens)),
                "total_tokens": .number(Double(promptTokens + completionTokens)),
            ]),
        ])
        return (BatchResult(customID: customID, response: ItemResponse(statusCode: 200, body: completion), error: nil),
                true)
    }

    /// The three failures providers commonly return for a batch item.
    private static let failures: [(Int, String, String, String)] = [
        (400, "invalid_request", "invalid_request_error",
         "Invalid request: 'messages' must contain at least one message with non-empty content."),
        (429, "rate_limit_exceeded", "rate_limit_error",
         "Rate limit reached for requests per minute. Please try again later."),
        (500, "server_error", "server_error", "The server had an error while processing your request. Sorry about that!"),
    ]
}
