/// The body of `POST /v1/batches`.
public struct CreateBatchRequest: Codable, Hashable, Sendable {
    public var requests: [BatchRequestItem]
    public var completionWindow: String
    public var metadata: [String: String]?

    enum CodingKeys: String, CodingKey {
        case requests
        case completionWindow = "completion_window"
        case metadata
    }

    public init(requests: [BatchRequestItem], completionWindow: String = "24h", metadata: [String: String]? = nil) {
        self.requests = requests
        self.completionWindow = completionWindow
        self.metadata = metadata
    }
}
