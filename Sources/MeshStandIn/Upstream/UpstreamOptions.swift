import MeshAPI

/// How `meshtop serve --upstream` sends items to a real OpenAI-compatible server instead of
/// simulating them. Its presence in `StandInOptions` is what turns the simulator off.
public struct UpstreamOptions: Sendable {
    /// Pattern routes are tried in order before the catch-all (a route without a pattern).
    public var routes: [UpstreamRoute]
    /// Sent as `Authorization: Bearer …`; never logged, never in an error text.
    public var apiKey: String?
    /// Items in flight at each upstream server, across all batches (each server its own slots).
    public var concurrency: Int
    /// One item's whole time, retries included (real seconds); then it fails with `upstream_error`.
    /// Time an item spends held while its upstream is down is not counted.
    public var itemTimeoutSeconds: Double
    /// A request whose answer has not begun (no response head) after this long is given up and
    /// sent again: a stopping llama-server never answers what it has in flight. For a
    /// non-streamed completion the head comes with the whole answer, so this must exceed the
    /// longest generation.
    public var firstByteTimeoutSeconds: Double
    /// Backoff for 429, 5xx, hung requests and connection failures of an upstream that still
    /// answers. Its `budget` is not used: the item timeout is.
    public var retry: RetryPolicy
    /// How long one probe of a silent upstream (`GET {URL}/models`) may take.
    public var probeTimeoutSeconds: Double
    /// Waits between probes of an upstream that is down (its attempts never run out).
    public var probeBackoff: RetryPolicy
    /// The upstreams' model lists are asked again this often (0: never), and at most once per
    /// `modelsRecheckSeconds` when a create names a model not yet known.
    public var modelsRefreshSeconds: Double
    public var modelsRecheckSeconds: Double
    /// A longer answer is not read on: the item fails with `upstream_error` instead.
    public var maxAnswerBytes: Int
    /// How long the one `GET /models` at start may take per upstream.
    public var modelsTimeoutSeconds: Double
    /// Told about an upstream that could not list its models at start (the stand-in runs on).
    public var warn: (@Sendable (String) -> Void)?
    /// Upstream events, one line each, rate-limited (`UpstreamEventLog`): an upstream down and
    /// back, an item retried, an item failed for good, a hung request. Never a key or a body.
    public var log: (@Sendable (String) -> Void)?

    public init(
        routes: [UpstreamRoute], apiKey: String? = nil, concurrency: Int = 4,
        itemTimeoutSeconds: Double = 600, firstByteTimeoutSeconds: Double = defaultFirstByteTimeoutSeconds,
        retry: RetryPolicy = RetryPolicy(
            maxAttempts: 6, baseDelay: .seconds(1), maxDelay: .seconds(30)),
        maxAnswerBytes: Int = 32 << 20, modelsTimeoutSeconds: Double = 10,
        probeTimeoutSeconds: Double = 5,
        probeBackoff: RetryPolicy = RetryPolicy(maxAttempts: .max, baseDelay: .milliseconds(500), maxDelay: .seconds(15)),
        modelsRefreshSeconds: Double = 60, modelsRecheckSeconds: Double = 5,
        warn: (@Sendable (String) -> Void)? = nil, log: (@Sendable (String) -> Void)? = nil
    ) {
        self.routes = routes
        self.apiKey = apiKey
        self.concurrency = concurrency
        self.itemTimeoutSeconds = itemTimeoutSeconds
        self.firstByteTimeoutSeconds = firstByteTimeoutSeconds
        self.retry = retry
        self.probeTimeoutSeconds = probeTimeoutSeconds
        self.probeBackoff = probeBackoff
        self.modelsRefreshSeconds = modelsRefreshSeconds
        self.modelsRecheckSeconds = modelsRecheckSeconds
        self.maxAnswerBytes = maxAnswerBytes
        self.modelsTimeoutSeconds = modelsTimeoutSeconds
        self.warn = warn
        self.log = log
    }

    /// Two minutes: well under the 600 s item timeout, well over a small local model's answer.
    public static let defaultFirstByteTimeoutSeconds: Double = 120

    /// The route for a model: the first pattern route that matches either name, else the catch-all.
    func route(modelID: String, requested: String?) -> UpstreamRoute? {
        let names = [modelID] + (requested.map { [$0] } ?? [])
        return routes.first { route in route.pattern != nil && names.contains(where: route.matches) }
            ?? routes.first { $0.pattern == nil }
    }
}
