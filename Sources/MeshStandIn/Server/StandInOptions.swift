import MeshAPI

/// How a stand-in server runs: where it listens, where it stores, who may call it, and how the
/// simulated provider behaves. Every knob has the default the contract describes for `--speed 1`.
public struct StandInOptions: Sendable {
    public var host: String
    /// 0 picks a free port; read the chosen one from `StandInServer.port`.
    public var port: Int
    /// nil keeps everything in memory.
    public var databasePath: String?
    /// Bearer token -> owner (team).
    public var keys: [String: String]
    /// nil uses the catalog shipped in the module's resources.
    public var catalogPath: String?
    /// Simulated time runs this many times faster than real time.
    public var speed: Double
    /// Share of items that end in a provider error (0...1).
    public var failureRate: Double
    /// Simulated seconds a batch spends in `validating`.
    public var validatingSeconds: Double
    /// Simulated seconds each item takes, drawn uniformly from this range.
    public var itemLatencySeconds: ClosedRange<Double>
    /// Simulated seconds a batch spends in `finalizing`.
    public var finalizingSeconds: Double
    /// Items of one batch in flight at once (`--batch-concurrency`).
    public var itemConcurrency: Int
    /// Send items to a real OpenAI-compatible server instead of simulating them; nil simulates.
    /// The simulator's knobs (`speed`, latency, failure rate, phase times) then do not apply.
    public var upstream: UpstreamOptions?
    /// Non-terminal batches an owner may have at once.
    public var activeBatchLimit: Int
    /// The `Retry-After` (real seconds) of a 429 `batch_limit_exceeded`; nil: 30 s of the stand-in's
    /// clock, at least 1 s. With `--upstream` batches end when the upstream is done, which no fixed
    /// figure knows, so `serve --limit-retry-after` lets a deployment say.
    public var limitRetryAfterSeconds: Int?
    /// A connection with no request for this long is closed (keep-alive clients reconnect).
    public var idleTimeoutSeconds: Int64
    /// A request head must be complete this long after its first byte, or the connection is closed.
    public var headerReadTimeoutSeconds: Int64
    /// A new connection must send its first byte within this, or it is closed.
    public var firstByteTimeoutSeconds: Int64 = 5
    /// How long `stop()` lets requests in progress finish before it closes their connections: a
    /// client trickling a body kept a SIGTERM'd `serve` running for good.
    public var shutdownDeadlineSeconds: Double = 5
    /// Connections open at once; a connection accepted past this is closed at once, unanswered.
    /// Each one costs a descriptor and buffers for up to the idle timeout (a slow head, up to the
    /// header deadline), so without a cap enough idle or slowloris sockets starve everyone else.
    public var maxConnections: Int
    public static let defaultMaxConnections = 1_000
    /// The server's log: one ready-made line per request, plus a line saying why an answer was a
    /// 5xx and lines about store writes that fail and recover (never a key or a request body).
    public var requestLog: (@Sendable (String) -> Void)?

    public init(
        host: String = "127.0.0.1", port: Int = 0, databasePath: String? = nil, keys: [String: String] = [:],
        catalogPath: String? = nil, speed: Double = 1, failureRate: Double = 0.02, validatingSeconds: Double = 2,
        itemLatencySeconds: ClosedRange<Double> = 1...4, finalizingSeconds: Double = 3, itemConcurrency: Int = 4,
        activeBatchLimit: Int = MeshLimits.liveBatchesPerOwner, idleTimeoutSeconds: Int64 = 60, headerReadTimeoutSeconds: Int64 = 10,
        requestLog: (@Sendable (String) -> Void)? = nil, upstream: UpstreamOptions? = nil,
        limitRetryAfterSeconds: Int? = nil, maxConnections: Int = StandInOptions.defaultMaxConnections
    ) {
        self.maxConnections = maxConnections
        self.limitRetryAfterSeconds = limitRetryAfterSeconds
        self.upstream = upstream
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.keys = keys
        self.catalogPath = catalogPath
        self.speed = speed
        self.failureRate = failureRate
        self.validatingSeconds = validatingSeconds
        self.itemLatencySeconds = itemLatencySeconds
        self.finalizingSeconds = finalizingSeconds
        self.itemConcurrency = itemConcurrency
        self.activeBatchLimit = activeBatchLimit
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.headerReadTimeoutSeconds = headerReadTimeoutSeconds
        self.requestLog = requestLog
    }
}
