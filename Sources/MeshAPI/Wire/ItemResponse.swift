/// The HTTP answer an item got from the provider: a status code and the body as it came.
public struct ItemResponse: Codable, Hashable, Sendable {
    public var statusCode: Int?
    public var body: JSONValue?

    enum CodingKeys: String, CodingKey {
        case statusCode = "status_code"
        case body
    }

    public init(statusCode: Int?, body: JSONValue?) {
        self.statusCode = statusCode
        self.body = body
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        statusCode = try? container.decodeIfPresent(Int.self, forKey: .statusCode)
        body = try? container.decodeIfPresent(JSONValue.self, forKey: .body)
    }
}
