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

    public init(baseURL: String = Self.defaultBaseURL, apiKey: String, connectTimeout: Duration = .seconds(10),
                requestTimeout: Duration = .seconds(60), retry: RetryPolicy = RetryPolicy(),
                userAgent: String = "meshtop/\(MeshClient.version)") {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.apiKey = apiKey
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.userAgent = userAgent
    }

    public var description: String { "MeshClientConfiguration(baseURL: \(baseURL), apiKey: <redacted>)" }
    public var debugDescription: String { description }
}
