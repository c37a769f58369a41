import Foundation

/// Every failure a call to the Mesh API can end in, read from either error shape.
/// `description` is safe to show and log: it never contains the API key.
public struct MeshError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The server answered with an error status (`status` is set).
        case api
        /// The connection failed or was refused; nothing is known to have reached the server.
        case network
        /// No answer within the request timeout.
        case timeout
        /// The server answered 2xx with a body that is not what the contract describes.
        case decoding
        /// A create was sent and no answer came: a batch may or may not exist now.
        case outcomeUnknown
    }

    public var kind: Kind
    /// HTTP status, for `.api`.
    public var status: Int?
    /// The error code (`batch_limit_exceeded`, `validation_error`, ...).
    public var code: String?
    public var message: String
    /// `error.details`, or the validation issues of FastAPI's shape.
    public var details: JSONValue?
    public var requestID: String?
    /// Seconds to wait before trying again, from `Retry-After` or `retry_after_seconds`.
    public var retryAfter: Double?

    public init(kind: Kind, status: Int? = nil, code: String? = nil, message: String, details: JSONValue? = nil,
                requestID: String? = nil, retryAfter: Double? = nil) {
        self.kind = kind
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.requestID = requestID
        self.retryAfter = retryAfter
    }

    /// `code` of a network error whose host name does not resolve: asking again will not help.
    public static let hostNotFound = "host_not_found"
    /// `code` of a network error in the TLS handshake (often `https://` to a plain-HTTP server).
    public static let tlsFailed = "tls_failed"
    /// `code` of a network error where nothing listens at the address.
    public static let connectionRefused = "connection_refused"

    /// Worth trying again without changing anything: 429, 502, 503, 504, and connection trouble
    /// other than a name that does not resolve or a TLS handshake that failed.
    public var isTransient: Bool {
        switch kind {
        case .network: return code != Self.hostNotFound && code != Self.tlsFailed
        case .timeout: return true
        case .api: return [429, 502, 503, 504].contains(status ?? 0)
        case .decoding, .outcomeUnknown: return false
        }
    }

    /// An outage that passes by itself: the network or the server is down, overloaded or failing
    /// (connection trouble, timeouts, 408, 429, any 5xx but 501). Something that polls (`batches wait`, the
    /// dashboard) keeps polling through it. The rest will not fix itself by waiting: a wrong key
    /// (401), a key without access (403), a batch that does not exist (404), a bad request, an answer
    /// of the wrong shape; a poller stops at once and says so. Wider than `isTransient`, which is
    /// what one call retries at once: a 500 is not worth an immediate retry, but is worth waiting out.
    public var isOutage: Bool {
        switch kind {
        case .network, .timeout: return true
        case .api:
            guard let status else { return false }
            // 501 is the one 5xx that says "never": the server does not do this at all.
            return status == 408 || status == 429 || ((500...599).contains(status) && status != 501)
        case .decoding, .outcomeUnknown: return false
        }
    }

    /// "429 batch_limit_exceeded: ... (request req_...)" or "network: connection refused".
    public var description: String {
        switch kind {
        case .api:
            var text = "\(status.map(String.init) ?? "error")"
            if let code { text += " \(code)" }
            text += ": \(message)"
            if let requestID { text += " (request \(requestID))" }
            return text
        case .network: return "network: \(message)"
        case .timeout: return "timeout: \(message)"
        case .decoding: return "unexpected answer: \(message)"
        case .outcomeUnknown: return "outcome unknown: \(message)"
        }
    }
}
