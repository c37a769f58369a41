/// A Mesh batch as the API describes it. Every field but `id` may be missing or null, and
/// unknown fields are ignored, so a newer or older server never breaks decoding.
/// Encoding writes every known field, nulls included, as the Mesh API does.
public struct Batch: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var object: String?
    public var endpoint: String?
    public var model: String?
    public var provider: String?
    public var status: BatchStatus?
    public var completionWindow: String?
    public var createdAt: Int?
    public var inProgressAt: Int?
    public var expiresAt: Int?
    public var finalizingAt: Int?
    public var completedAt: Int?
    public var failedAt: Int?
    public var expiredAt: Int?
    public var cancellingAt: Int?
    public var cancelledAt: Int?
    public var requestCounts: RequestCounts?
    public var metadata: [String: JSONValue]?
    public var usageSynced: Bool?
    public var inputFileID: String?
    public var outputFileID: String?
    public var errorFileID: String?
    public var errorsDetail: [BatchErrorDetail]?
    public var results: [BatchResult]?

    enum CodingKeys: String, CodingKey {
        case id, object, endpoint, model, provider, status
        case completionWindow = "completion_window"
        case createdAt = "created_at"
        case inProgressAt = "in_progress_at"
        case expiresAt = "expires_at"
        case finalizingAt = "finalizing_at"
        case completedAt = "completed_at"
        case failedAt = "failed_at"
        case expiredAt = "expired_at"
        case cancellingAt = "cancelling_at"
        case cancelledAt = "cancelled_at"
        case requestCounts = "request_counts"
        case metadata
        case usageSynced = "usage_synced"
        case inputFileID = "input_file_id"
        case outputFileID = "output_file_id"
        case errorFileID = "error_file_id"
        case errorsDetail = "errors_detail"
        case results
    }

    public init(
        id: String, object: String? = "batch", endpoint: String? = nil, model: String? = nil,
        provider: String? = nil, status: BatchStatus? = nil, completionWindow: String? = nil,
        createdAt: Int? = nil, inProgressAt: Int? = nil, expiresAt: Int? = nil, finalizingAt: Int? = nil,
        completedAt: Int? = nil, failedAt: Int? = nil, expiredAt: Int? = nil, cancellingAt: Int? = nil,
        cancelledAt: Int? = nil, requestCounts: RequestCounts? = nil, metadata: [String: JSONValue]? = nil,
        usageSynced: Bool? = nil, inputFileID: String? = nil, outputFileID: String? = nil,
        errorFileID: String? = nil, errorsDetail: [BatchErrorDetail]? = nil, results: [BatchResult]? = nil
    ) {
        self.id = id
        self.object = object
        self.endpoint = endpoint
        self.model = model
        self.provider = provider
        self.status = status
        self.completionWindow = completionWindow
        self.createdAt = createdAt
        self.inProgressAt = inProgressAt
        self.expiresAt = expiresAt
        self.finalizingAt = finalizingAt
        self.completedAt = completedAt
        self.failedAt = failedAt
        self.expiredAt = expiredAt
        self.cancellingAt = cancellingAt
        self.cancelledAt = cancelledAt
        self.requestCounts = requestCounts
        self.metadata = metadata
        self.usageSynced = usageSynced
        self.inputFileID = inputFileID
        self.outputFileID = outputFileID
        self.errorFileID = errorFileID
        self.errorsDetail = errorsDetail
        self.results = results
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        // `try?` on each optional field: a field of an unexpected type is dropped, not fatal.
        object = try? c.decodeIfPresent(String.self, forKey: .object)
        endpoint = try? c.decodeIfPresent(String.self, forKey: .endpoint)
        model = try? c.decodeIfPresent(String.self, forKey: .model)
        provider = try? c.decodeIfPresent(String.self, forKey: .provider)
        status = try? c.decodeIfPresent(BatchStatus.self, forKey: .status)
        completionWindow = try? c.decodeIfPresent(String.self, forKey: .completionWindow)
        createdAt = Self.decodeStamp(c, .createdAt)
        inProgressAt = Self.decodeStamp(c, .inProgressAt)
        expiresAt = Self.decodeStamp(c, .expiresAt)
        finalizingAt = Self.decodeStamp(c, .finalizingAt)
        completedAt = Self.decodeStamp(c, .completedAt)
        failedAt = Self.decodeStamp(c, .failedAt)
        expiredAt = Self.decodeStamp(c, .expiredAt)
        cancellingAt = Self.decodeStamp(c, .cancellingAt)
        cancelledAt = Self.decodeStamp(c, .cancelledAt)
        requestCounts = try? c.decodeIfPresent(RequestCounts.self, forKey: .requestCounts)
        metadata = try? c.decodeIfPresent([String: JSONValue].self, forKey: .metadata)
        usageSynced = try? c.decodeIfPresent(Bool.self, forKey: .usageSynced)
        inputFileID = try? c.decodeIfPresent(String.self, forKey: .inputFileID)
        outputFileID = try? c.decodeIfPresent(String.self, forKey: .outputFileID)
        errorFileID = try? c.decodeIfPresent(String.self, forKey: .errorFileID)
        errorsDetail = try? c.decodeIfPresent([BatchErrorDetail].self, forKey: .errorsDetail)
        results = try? c.decodeIfPresent([BatchResult].self, forKey: .results)
    }

    /// Unix seconds, also accepted as a fractional number (some gateways send floats). A stamp out of
    /// `WireNumber.stampRange` (1e30, Int.min) is treated as absent: converting or subtracting it would trap.
    private static func decodeStamp(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) -> Int? {
        if let value = try? c.decodeIfPresent(Int.self, forKey: key) { return WireNumber.stamp(value) }
        if let value = try? c.decodeIfPresent(Double.self, forKey: key) { return WireNumber.stamp(value) }
        return nil
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(object, forKey: .object)
        try c.encode(endpoint, forKey: .endpoint)
        try c.encode(model, forKey: .model)
        try c.encode(provider, forKey: .provider)
        try c.encode(status, forKey: .status)
        try c.encode(completionWindow, forKey: .completionWindow)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(inProgressAt, forKey: .inProgressAt)
        try c.encode(expiresAt, forKey: .expiresAt)
        try c.encode(finalizingAt, forKey: .finalizingAt)
        try c.encode(completedAt, forKey: .completedAt)
        try c.encode(failedAt, forKey: .failedAt)
        try c.encode(expiredAt, forKey: .expiredAt)
        try c.encode(cancellingAt, forKey: .cancellingAt)
        try c.encode(cancelledAt, forKey: .cancelledAt)
        try c.encode(requestCounts, forKey: .requestCounts)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(usageSynced, forKey: .usageSynced)
        try c.encode(inputFileID, forKey: .inputFileID)
        try c.encode(outputFileID, forKey: .outputFileID)
        try c.encode(errorFileID, forKey: .errorFileID)
        try c.encode(errorsDetail, forKey: .errorsDetail)
        try c.encode(results, forKey: .results)
    }

    /// Whether this batch can still change. A missing status counts as not terminal.
    public var isTerminal: Bool { status?.isTerminal ?? false }
}
