import MeshAPI

/// The create request the tests seed servers with: one chat completion per custom id. The one
/// builder behind `ClientHarness.request`, `RestartableStandIn.request` and the terminal-safety
/// tests' hostile ids, which each wrote it out before.
public enum ChatBatch {
    /// Usage: `ChatBatch.request(ids: ["a", "b"], metadata: ["project": "x"]) { "hello \($0)" }`.
    /// `content` gets the item's position (from 0) and returns its user message.
    public static func request(ids: [String], model: String = "openai/gpt-4o-mini", metadata: [String: String]? = nil,
                               content: (Int) -> String) -> CreateBatchRequest {
        CreateBatchRequest(requests: ids.enumerated().map { index, id in
            BatchRequestItem(customID: id, body: .object([
                "model": .string(model),
                "messages": .array([.object(["role": .string("user"), "content": .string(content(index))])]),
            ]))
        }, metadata: metadata)
    }
}
