import MeshAPI

/// One item's answer, ready to store: its result's JSON text (the shape of `BatchResult`, as the
/// store keeps it) and whether it counts as completed or failed. A worker may write the text
/// itself: an upstream's answer of 31 MiB is framed as a result in the buffer it was read into
/// (`StoredResultText`) instead of being parsed into a tree and encoded again.
struct WorkedItem: Sendable {
    var resultText: ResultText
    var succeeded: Bool
    /// A failure's status and words, for the upstream log; nil for a success.
    var failureSummary: String?

    init(resultText: ResultText, succeeded: Bool, failureSummary: String?) {
        self.resultText = resultText
        self.succeeded = succeeded
        self.failureSummary = failureSummary
    }

    init(result: BatchResult, succeeded: Bool) {
        // Our own small values always encode; the fallback keeps a result in the store's shape anyway.
        resultText = .string((try? JSONText.string(result)) ?? JSONValueWriter.string(.object([
            "custom_id": .string(result.customID), "response": .null,
            "error": .object(["code": .string("internal_error"), "message": .string("The result could not be encoded.")]),
        ])))
        self.succeeded = succeeded
        if succeeded {
            failureSummary = nil
        } else {
            let status = result.response?.statusCode.map { "HTTP \($0)" } ?? "no response"
            let words = result.effectiveError?.message.map { " \($0.prefix(160))" } ?? ""
            failureSummary = status + words
        }
    }
}
