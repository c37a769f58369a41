import Foundation

extension MeshError {
    /// Reads an error answer in either shape: the Mesh envelope `{"error": {...}, "request_id"}` or
    /// FastAPI's `{"detail": ...}`. Anything else (an HTML page from a proxy, say) still becomes an
    /// `.api` error with the status, so callers never need a third case.
    public static func fromResponse(status: Int, body: Data, requestIDHeader: String?, retryAfterHeader: String?) -> MeshError {
        var error = MeshError(kind: .api, status: status, message: HTTPStatusText.text(for: status))
        error.requestID = requestIDHeader
        // A wait out of range (1e30 s, a date in the year 9999) is treated as absent: see `WireNumber`.
        if let header = retryAfterHeader { error.retryAfter = WireNumber.retryAfter(RetryPolicy.parseRetryAfter(header)) }
        let decoder = JSONDecoder()
        if let envelope = try? decoder.decode(ErrorEnvelope.self, from: body) {
            error.code = envelope.error.code
            if let message = envelope.error.message, !message.isEmpty { error.message = message }
            error.details = envelope.error.details
            error.requestID = error.requestID ?? envelope.requestID
            // The header and the body may both say how long to wait; the longer wait is the safe one.
            if let seconds = WireNumber.retryAfter(envelope.error.retryAfterSeconds) {
                error.retryAfter = max(error.retryAfter ?? 0, seconds)
            }
        } else if let validation = try? decoder.decode(ValidationErrorBody.self, from: body) {
            error.code = status == 422 ? "validation_error" : nil
            error.message = validation.summary.isEmpty ? error.message : validation.summary
            if case .issues(let issues) = validation.detail,
               let data = try? JSONEncoder().encode(issues),
               let value = try? decoder.decode(JSONValue.self, from: data) {
                error.details = value
            }
        } else if let text = String(data: body.prefix(200), encoding: .utf8)?
            .trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty,
            !text.hasPrefix("<") {
            error.message = text
        }
        if let object = try? decoder.decode(JSONValue.self, from: body), error.requestID == nil {
            error.requestID = object["request_id"]?.stringValue
        }
        return error
    }
}
