/// FastAPI's validation body: `{"detail": [ValidationIssue...]}` or `{"detail": "plain message"}`.
public struct ValidationErrorBody: Codable, Hashable, Sendable {
    public enum Detail: Hashable, Sendable {
        case issues([ValidationIssue])
        case message(String)
    }

    public var detail: Detail

    enum CodingKeys: String, CodingKey { case detail }

    public init(issues: [ValidationIssue]) { detail = .issues(issues) }
    public init(message: String) { detail = .message(message) }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let message = try? c.decode(String.self, forKey: .detail) {
            detail = .message(message)
        } else {
            detail = .issues(try c.decode([ValidationIssue].self, forKey: .detail))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch detail {
        case .issues(let issues): try c.encode(issues, forKey: .detail)
        case .message(let message): try c.encode(message, forKey: .detail)
        }
    }

    /// One line for humans: "body.requests.3.custom_id: Field required; ...".
    public var summary: String {
        switch detail {
        case .message(let message): return message
        case .issues(let issues):
            return issues.map { $0.locationText.isEmpty ? $0.msg : "\($0.locationText): \($0.msg)" }
                .joined(separator: "; ")
        }
    }
}
