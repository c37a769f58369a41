/// One request of a batch to create: `{custom_id, method?, url?, body}`.
public struct BatchRequestItem: Codable, Hashable, Sendable {
    public var customID: String
    public var method: String?
    public var url: String?
    public var body: JSONValue

    enum CodingKeys: String, CodingKey {
        case customID = "custom_id"
        case method, url, body
    }

    public init(customID: String, method: String? = "POST", url: String? = "/v1/chat/completions", body: JSONValue) {
        self.customID = customID
        self.method = method
        self.url = url
        self.body = body
    }

    /// The model the request names in `body.model`.
    public var model: String? { body["model"]?.stringValue }
}
