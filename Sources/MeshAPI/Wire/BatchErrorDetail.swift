/// One batch-level error in `errors_detail`.
public struct BatchErrorDetail: Codable, Hashable, Sendable {
    public var code: String?
    public var message: String?
    public var param: String?
    public var line: Int?

    public init(code: String?, message: String?, param: String? = nil, line: Int? = nil) {
        self.code = code
        self.message = message
        self.param = param
        self.line = line
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try? container.decodeIfPresent(String.self, forKey: .code)
        message = try? container.decodeIfPresent(String.self, forKey: .message)
        param = try? container.decodeIfPresent(String.self, forKey: .param)
        line = try? container.decodeIfPresent(Int.self, forKey: .line)
    }
}
