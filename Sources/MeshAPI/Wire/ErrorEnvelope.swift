/// The Mesh error envelope (shape 1):
/// `{"error": {"code", "message", "details"?, "retry_after_seconds"?, "provider_error"?}, "request_id"}`.
public struct ErrorEnvelope: Codable, Hashable, Sendable {
    public struct Body: Codable, Hashable, Sendable {
        public var code: String?
        public var message: String?
        public var details: JSONValue?
        public var retryAfterSeconds: Double?
        public var providerError: JSONValue?

        enum CodingKeys: String, CodingKey {
            case code, message, details
            case retryAfterSeconds = "retry_after_seconds"
            case providerError = "provider_error"
        }

        public init(code: String?, message: String?, details: JSONValue? = nil,
                    retryAfterSeconds: Double? = nil, providerError: JSONValue? = nil) {
            self.code = code
            self.message = message
            self.details = details
            self.retryAfterSeconds = retryAfterSeconds
            self.providerError = providerError
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try? c.decodeIfPresent(String.self, forKey: .code)
            message = try? c.decodeIfPresent(String.self, forKey: .message)
            details = try? c.decodeIfPresent(JSONValue.self, forKey: .details)
            retryAfterSeconds = try? c.decodeIfPresent(Double.self, forKey: .retryAfterSeconds)
            providerError = try? c.decodeIfPresent(JSONValue.self, forKey: .providerError)
        }

        /// Optional members are left out rather than written as null.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(message, forKey: .message)
            try c.encodeIfPresent(details, forKey: .details)
            try c.encodeIfPresent(retryAfterSeconds, forKey: .retryAfterSeconds)
            try c.encodeIfPresent(providerError, forKey: .providerError)
        }
    }

    public var error: Body
    public var requestID: String?

    enum CodingKeys: String, CodingKey {
        case error
        case requestID = "request_id"
    }

    public init(error: Body, requestID: String?) {
        self.error = error
        self.requestID = requestID
    }
}
