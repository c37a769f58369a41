/// The error of an item that never ran (`batch_cancelled`, `batch_expired`), or the
/// `{code, message}` inside a failed item's response body.
public struct ItemError: Codable, Hashable, Sendable {
    public var code: String?
    public var message: String?

    public init(code: String?, message: String?) {
        self.code = code
        self.message = message
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try? container.decodeIfPresent(String.self, forKey: .code)
        message = try? container.decodeIfPresent(String.self, forKey: .message)
    }
}
