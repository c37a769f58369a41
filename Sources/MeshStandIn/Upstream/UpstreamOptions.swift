import MeshAPI

/// How `meshtop serve --upstream` sends items to a real OpenAI-compatible server instead of
/// simulating them. Its presence in `StandInOptions` is what turns the simulator off.
public struct UpstreamOptions: Sendable {
    /// Pattern routes are tried in order before the catch-all (a route without a pattern).
    public var routes: [UpstreamRoute]
    /// Sent as `Authorization: Bearer …`; never logged, never in an error text.
    public var apiKey: String?
    /// Items in flight across all batches.
    public var concurrency: Int
    /// One item's whole time, retries included (real seconds); then it fails with `upstream_error`.
    public var itemTimeoutSeconds: Double
    /// Backoff for 429, 5xx and connection failures. Its `budget` is not used: the item timeout is.
    public var retry: RetryPolicy
    /// A longer answer is not read on: the item fails with `upstream_error` instead.
    public var maxAnswerBytes: Int
    /// How long the one `GET /models` at start may take per upstream.
    public var modelsTimeoutSeconds: Double
    /// Told about an upstream that could not list its models at start (the stand-in runs on).
    public var warn: (@Sendable (String) -> Void)?

    public init(
        routes: [UpstreamRoute], apiKey: String? = nil, concurrency: Int = 4,
        itemTimeoutSeconds: Double = 600,
        retry: RetryPolicy = RetryPolicy(
            maxAttempts: 6, baseDelay: .seconds(1), maxDelay: .seconds(30)),
        maxAnswerBytes: Int = 32 << 20, modelsTimeoutSeconds: Double = 10,
        warn: (@Sendable (String) -> Void)? = nil
    ) {
        self.routes = routes
        self.apiKey = apiKey
        self.concurrency = concurrency
        self.itemTimeoutSeconds = itemTimeoutSeconds
        self.retry = retry
        self.maxAnswerBytes = maxAnswerBytes
        self.modelsTimeoutSeconds = modelsTimeoutSeconds
        self.warn = warn
    }

    /// The route for a model: the first pattern route that matches either name, else the catch-all.
    func route(modelID: String, requested: String?) -> UpstreamRoute? {
        let names = [modelID] + (requested.map { [$0] } ?? [])
        return routes.first { route in route.pattern != nil && names.contains(where: route.matches) }
            ?? routes.first { $0.pattern == nil }
    }
}
