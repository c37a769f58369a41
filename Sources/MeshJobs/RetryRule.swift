import MeshAPI

/// Which failed items go into another attempt (`--retry-on`).
///
///     RetryRule.parse("retryable")        // 429, 5xx, timeouts, upstream_error, never ran
///     RetryRule.parse("failed")           // anything that did not succeed
///     RetryRule.parse("429,500,timeout")  // these statuses or codes, and never ran
public enum RetryRule: Codable, Sendable, Hashable, CustomStringConvertible {
    case retryable
    case failed
    /// HTTP statuses ("429") or error codes ("upstream_error"); an item that never ran is retried too.
    case codes([String])

    public static func parse(_ text: String) -> RetryRule? {
        switch text {
        case "retryable": return .retryable
        case "failed": return .failed
        default:
            let codes = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return codes.isEmpty ? nil : .codes(codes)
        }
    }

    public var description: String {
        switch self {
        case .retryable: return "retryable"
        case .failed: return "failed"
        case .codes(let codes): return codes.joined(separator: ",")
        }
    }

    /// Whether an item whose latest result is `result` (nil: no result came back, so it never ran)
    /// deserves another attempt. `jobCancelled`: the job itself cancelled the batch, so a
    /// `batch_cancelled` item is what was asked for, not a failure to retry.
    public func shouldRetry(_ result: BatchResult?, jobCancelled: Bool) -> Bool {
        if jobCancelled { return false }
        guard let result else { return true }
        switch result.outcome {
        case .succeeded: return false
        case .notRun: return true
        case .failed:
            let status = result.response?.statusCode
            let code = result.effectiveError?.code
            switch self {
            case .failed: return true
            case .retryable:
                if let status, status == 408 || status == 429 || (500...599).contains(status) { return true }
                return ["timeout", "upstream_error", "rate_limit_exceeded"].contains(code ?? "")
            case .codes(let codes):
                return codes.contains { $0 == code || status.map(String.init) == $0 }
            }
        }
    }
}
