/// One entry of FastAPI's validation shape (shape 2):
/// `{"detail": [{"type": "missing", "loc": ["body", "requests"], "msg": "Field required", "input": ...}]}`.
public struct ValidationIssue: Codable, Hashable, Sendable {
    public var type: String
    /// The path to the offending field: strings for keys, integers for list indexes.
    public var loc: [JSONValue]
    public var msg: String
    public var input: JSONValue?

    public init(type: String, loc: [JSONValue], msg: String, input: JSONValue? = nil) {
        self.type = type
        self.loc = loc
        self.msg = msg
        self.input = input
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = (try? c.decodeIfPresent(String.self, forKey: .type)) ?? "value_error"
        loc = (try? c.decodeIfPresent([JSONValue].self, forKey: .loc)) ?? []
        msg = (try? c.decodeIfPresent(String.self, forKey: .msg)) ?? ""
        input = try? c.decodeIfPresent(JSONValue.self, forKey: .input)
    }

    /// `body.requests.3.custom_id`: the location joined for humans.
    public var locationText: String {
        loc.map { $0.intValue.map(String.init) ?? $0.stringValue ?? $0.displayText }.joined(separator: ".")
    }
}
