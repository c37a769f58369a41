import MeshAPI

/// Whether an upstream's error answer says the request itself is invalid, whatever its status.
/// llama-cpp-python answers 500 for a body it cannot validate (`"temperature": "hot"`): its error
/// handler turns FastAPI's validation error into `internal_server_error` whose message is
/// pydantic's list of issues. Sending the same body again gets the same answer, so such a 5xx is
/// final, not retried. The shapes recognised:
/// - FastAPI's own `{"detail": [{"loc": [...], "msg": ..., "type": ...}, ...]}`;
/// - OpenAI's `{"error": {"type": "invalid_request_error", ...}}` (llama.cpp's server uses it too),
///   or an `error.code` that says the same (`invalid_request`, `invalid_value`, `validation_error`);
/// - an error message in pydantic's words ("1 validation error for ...", or its issue list with
///   `'loc': ('body', ...)`).
enum InvalidRequestAnswer {
    static func matches(_ body: JSONValue) -> Bool {
        if let detail = body["detail"]?.arrayValue, !detail.isEmpty,
           detail.allSatisfy({ $0["loc"] != nil || $0["msg"] != nil })
        {
            return true
        }
        let error = body["error"]
        let words = [error?["type"]?.stringValue, error?["code"]?.stringValue].compactMap { $0?.lowercased() }
        if words.contains(where: invalidWords.contains) { return true }
        let message = error?["message"]?.stringValue ?? body["message"]?.stringValue ?? body["detail"]?.stringValue ?? ""
        return message.contains(" validation error for ") || message.contains(" validation errors for ")
            || message.contains("'loc': ('body'") || message.contains("\"loc\": [\"body\"")
    }

    private static let invalidWords: Set<String> = [
        "invalid_request_error", "invalid_request", "invalid_value", "validation_error", "request_validation_error",
    ]
}
