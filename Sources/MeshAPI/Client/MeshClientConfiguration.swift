/// Where and how `MeshClient` connects. The key is kept out of `description` so that printing or
/// logging a configuration can never leak it.
public struct MeshClientConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public static let defaultBaseURL = "https://api.meshapi.ai"

    /// Without `/v1`; a trailing slash is dropped.
    public var baseURL: String
    public var apiKey: String
    /// Time allowed to open a connection.
    public var connectTimeout: Duration
    /// Time allowed for one attempt, from sending to the last byte of the answer.
    public var requestTimeout: Duration
    public var retry: RetryPolicy
    public var userAgent: String
    /// The largest answer read whole that carries no item results: list pages, a batch's own fields,
    /// errors, models. A list page of 100 batches is well under 1 MiB; without a cap a broken server
    /// could send a gigabyte that the client would hold in memory.
    public var maxBodyBytes: Int
    /// The most result bytes one batch may bring. Results stream to a spool file (the dashboard) or
    /// are held in memory up to `inMemoryResultsLimit` (the scripting commands); past this the
    /// download stops with a message that names the limit.
    public var maxResultsBytes: Int64

    /// Told before each retry, in words for a person ("no answer in 3 s; retrying (2 of 5)"), so a
    /// command that waits is seen to be waiting. The dashboard shows retries in its header instead.
    public var onRetry: (@Sendable (String) -> Void)?

    public static let defaultMaxBodyBytes = 8 * 1024 * 1024
    public static let defaultMaxResultsBytes: Int64 = 2 * 1024 * 1024 * 1024

    public init(baseURL: String = Self.defaultBaseURL, apiKey: String, connectTimeout: Duration = .seconds(10),
                requestTimeout: Duration = .seconds(60), retry: RetryPolicy = RetryPolicy(),
                userAgent: String = "meshtop/\(MeshClient.version)", maxBodyBytes: Int = Self.defaultMaxBodyBytes,
                maxResultsBytes: Int64 = Self.defaultMaxResultsBytes) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.apiKey = apiKey
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.userAgent = userAgent
        self.maxBodyBytes = maxBodyBytes
        self.maxResultsBytes = maxResultsBytes
    }

    public var description: String { "MeshClientConfiguration(baseURL: \(baseURL), apiKey: <redacted>)" }
    public var debugDescription: String { description }
}
