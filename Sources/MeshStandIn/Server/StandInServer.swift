import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// A running stand-in of the Mesh batch API on `host:port`.
///
///     let server = try await StandInServer.start(StandInOptions(keys: ["rsk_...": "team"]))
///     defer { Task { await server.stop() } }
///     // talk to server.baseURL
public final class StandInServer: Sendable {
    public let port: Int
    public let host: String
    public var baseURL: String { "http://\(host):\(port)" }

    /// How many list pages were answered from the cache on the event loop, past the router
    /// (`CachedListPageResponder`): tests read it to know which way an answer took.
    public var listPagesAnsweredOnEventLoop: Int { listPages.answeredOnEventLoop }

    /// Connections open now and how many of them have sent nothing yet (`ConnectionLimit`): tests
    /// wait on it instead of guessing how long the server takes to see a socket.
    public var connectionCount: (open: Int, silent: Int) { connections.current }

    private let listPages: ListPageCache
    private let connections: ConnectionLimit
    private let shutdownDeadline: Double
    private let store: BatchStore
    private let runTask: Task<Void, any Error>
    private let serviceGroup: ServiceGroup
    private let runner: BatchRunner
    /// Shuts the upstream's HTTP client down (after the runner stopped); nothing for the simulator.
    private let closeWorker: @Sendable () async -> Void
    private let clockKeeper: Task<Void, Never>
    /// Stores the clock's mark; `stop()` writes the last one itself, final (GRDB refuses writes
    /// from a cancelled task, so the keeper cannot).
    private let recordClock: @Sendable (_ final: Bool) async -> Void

    private init(port: Int, host: String, store: BatchStore, connections: ConnectionLimit, shutdownDeadline: Double,
                 runTask: Task<Void, any Error>, serviceGroup: ServiceGroup,
                 runner: BatchRunner, closeWorker: @escaping @Sendable () async -> Void, clockKeeper: Task<Void, Never>,
                 recordClock: @escaping @Sendable (_ final: Bool) async -> Void, listPages: ListPageCache)
    {
        self.listPages = listPages
        self.store = store
        self.connections = connections
        self.shutdownDeadline = shutdownDeadline
        self.closeWorker = closeWorker
        self.recordClock = recordClock
        self.port = port
        self.host = host
        self.runTask = runTask
        self.serviceGroup = serviceGroup
        self.runner = runner
        self.clockKeeper = clockKeeper
    }

    /// Opens the store, resumes unfinished batches, and returns once the socket is listening.
    /// Simulated time resumes from the database's high-water mark when that is ahead of the wall
    /// clock (a previous run at `--speed N`), plus the margin a killed run may have run past its
    /// last mark (`ClockHighWater.resumePoint`), so no stamp and no `Date` ever goes backwards.
    public static func start(_ options: StandInOptions) async throws -> StandInServer {
        let store = try await BatchStore.open(path: options.databasePath)
        let wallNow = Date().timeIntervalSince1970
        let resumeFrom = try await store.clockHighWater().resumePoint(wallNow: wallNow, currentSpeed: options.speed)
        // Marked before anything reads the new clock: a kill before the keeper's first mark
        // must still find this run's start (a previous clean stop's final mark needs no margin).
        try await store.recordClock(resumeFrom, wallTime: wallNow, speed: options.speed)
        let clock = ScaledClock(speed: options.speed, origin: Date(timeIntervalSince1970: resumeFrom))
        return try await start(options, clock: clock, store: store)
    }

    /// As `start(_:)`, with an injected clock.
    public static func start(_ options: StandInOptions, clock: any StandInClock) async throws -> StandInServer {
        try await start(options, clock: clock, store: try await BatchStore.open(path: options.databasePath))
    }

    private static func start(_ options: StandInOptions, clock: any StandInClock, store: BatchStore) async throws
        -> StandInServer
    {
        do {
            return try await startServing(options, clock: clock, store: store)
        } catch {
            // A start that failed (port in use, bad catalog) lets go of the database at once, so
            // a retry in this process can take it.
            store.releaseLock()
            throw error
        }
    }

    /// Starts the pieces in order: the worker and the runner, the routes, the HTTP application
    /// with its NIO handlers, the listening port, then the batches left running and the clock's
    /// high-water mark. Each step is a function of its own below.
    private static func startServing(_ options: StandInOptions, clock: any StandInClock, store: BatchStore)
        async throws -> StandInServer
    {
        // Answers of up to 32 MiB pass through this process: each is given back once stored.
        FreedMemory.keepLargeBlocksMapped()
        let catalog = try ModelCatalog.load(path: options.catalogPath)
        let work = await startWork(options, catalog: catalog, clock: clock, store: store)
        let listPages = ListPageCache()
        let keyRing = OwnerKeyRing(options.keys)
        let router = makeRouter(options, work: work, clock: clock, store: store, keyRing: keyRing, listPages: listPages)
        let connections = ConnectionLimit(maximum: options.maxConnections)
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let serviceGroup = makeServiceGroup(
            options, router: router, clock: clock, connections: connections, keyRing: keyRing, listPages: listPages,
            listening: portContinuation)
        let runTask = Task {
            defer { portContinuation.finish() }
            try await serviceGroup.run()
        }
        let port = try await listeningPort(portStream, options: options, runTask: runTask, work: work)
        try await work.runner.resumeAll()
        let mark = clockMark(options, clock: clock, store: store)
        let clockKeeper = Task {
            while !Task.isCancelled {
                await mark(false)
                try? await Task.sleep(for: .seconds(ClockHighWater.keeperInterval))
            }
        }
        return StandInServer(port: port, host: options.host, store: store, connections: connections,
                             shutdownDeadline: options.shutdownDeadlineSeconds, runTask: runTask, serviceGroup: serviceGroup,
                             runner: work.runner, closeWorker: work.close, clockKeeper: clockKeeper,
                             recordClock: mark, listPages: listPages)
    }

    /// What works the items: the simulator, or the upstreams (`UpstreamStack`), and the runner
    /// that drives each batch through it; with the models served and how to close the worker.
    private struct Work {
        let runner: BatchRunner
        let models: ModelDirectory
        let close: @Sendable () async -> Void
    }

    private static func startWork(_ options: StandInOptions, catalog: ModelCatalog, clock: any StandInClock,
                                  store: BatchStore) async -> Work
    {
        if let upstream = options.upstream {
            let stack = await UpstreamStack.start(upstream, catalog: catalog)
            let runner = BatchRunner(store: store, clock: clock, worker: stack.worker,
                                     itemConcurrency: options.itemConcurrency, log: options.requestLog)
            return Work(runner: runner, models: stack.models, close: { await stack.stop() })
        }
        let runner = BatchRunner(store: store, clock: clock, worker: ProviderSimulator(clock: clock, options: options),
                                 itemConcurrency: options.itemConcurrency, log: options.requestLog)
        return Work(runner: runner, models: ModelDirectory(fixed: catalog), close: {})
    }

    /// The five endpoints behind the request envelope (request id, log line, error shape) and the
    /// owner's resolution from the key ring (`OwnerAuthenticator`), which the routes' context needs.
    private static func makeRouter(_ options: StandInOptions, work: Work, clock: any StandInClock, store: BatchStore,
                                   keyRing: OwnerKeyRing, listPages: ListPageCache) -> Router<StandInRequestContext>
    {
        let router = Router(context: StandInRequestContext.self)
        router.middlewares.add(RequestEnvelopeMiddleware<StandInRequestContext>(log: options.requestLog))
        router.middlewares.add(OwnerAuthenticator(keyRing: keyRing))
        BatchRoutes(store: store, runner: work.runner, models: work.models, clock: clock,
                    activeBatchLimit: options.activeBatchLimit, listPages: listPages,
                    limitRetryAfterSeconds: options.limitRetryAfterSeconds
                        ?? max(1, Int((30 / max(options.speed, 0.000_001)).rounded(.up))),
                    upstream: options.upstream).register(on: router)
        return router
    }

    /// The HTTP application with the stand-in's NIO handlers in front of Hummingbird's codec
    /// (`PipelineInstaller`), in a service group of its own with no signal handlers: the embedding
    /// program owns the signals, and `stop()` shuts the server down gracefully instead of
    /// cancelling it mid-connection. `listening` is given the port once the server listens.
    private static func makeServiceGroup(
        _ options: StandInOptions, router: Router<StandInRequestContext>, clock: any StandInClock,
        connections: ConnectionLimit, keyRing: OwnerKeyRing, listPages: ListPageCache,
        listening: AsyncStream<Int>.Continuation
    ) -> ServiceGroup {
        var logger = Logger(label: "meshtop.standin")
        logger.logLevel = .warning
        // Whether a route will read this request's body: a 401 or 413 comes without it.
        let willRead: @Sendable (HTTPRequestHead) -> Bool = { head in
            guard keyRing.owner(authorization: head.headers.first(name: "authorization")) != nil else { return false }
            let length = head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
            return length <= BatchRoutes.maxBodyBytes
        }
        let app = Application(
            router: router,
            server: .http1(configuration: .init(
                additionalChannelHandlers: [
                    PipelineInstaller(
                        willRead: willRead, headerReadTimeout: .seconds(options.headerReadTimeoutSeconds),
                        firstByteTimeout: .seconds(options.firstByteTimeoutSeconds), clock: clock,
                        connections: connections,
                        makeListPageResponder: {
                            CachedListPageResponder(pages: listPages, keyRing: keyRing, log: options.requestLog)
                        })
                ],
                idleTimeout: .seconds(options.idleTimeoutSeconds))),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                listening.yield(channel.localAddress?.port ?? options.port)
                listening.finish()
            },
            logger: logger)
        return ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
    }

    /// The port the server listens on, or the reason it never did (port in use, bad host...).
    private static func listeningPort(_ ports: AsyncStream<Int>, options: StandInOptions,
                                      runTask: Task<Void, any Error>, work: Work) async throws -> Int
    {
        var iterator = ports.makeAsyncIterator()
        if let port = await iterator.next() { return port }
        // The upstream's HTTP client must be shut down first: AsyncHTTPClient traps on a client
        // that is dropped while still running.
        await work.close()
        do {
            try await runTask.value
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw StandInStartupError("port \(options.port) is in use on \(options.host): pick another with --port (0 picks a free one)")
        }
        throw StandInStartupError("the server stopped before it was listening on \(options.host):\(options.port)")
    }

    /// Records the clock's high-water mark (the keeper calls it every quarter second of real
    /// time; `stop()` once more at the end): between stamps, simulated time at `--speed 100` moves
    /// 100 s a second, and a restart must not go back before it. The wall time is read first, so
    /// the restart's margin (real time since the mark, at this speed) covers everything this clock
    /// said after the mark.
    private static func clockMark(_ options: StandInOptions, clock: any StandInClock, store: BatchStore)
        -> @Sendable (Bool) async -> Void
    {
        let speed = options.speed
        return { final in
            let wallTime = Date().timeIntervalSince1970
            try? await store.recordClock(clock.now(), wallTime: wallTime, speed: speed, final: final)
        }
    }

    /// Stops the runner (state stays in the store; items in flight run again after a restart) and
    /// closes the listening socket.
    public func stop() async {
        clockKeeper.cancel()
        await clockKeeper.value
        await runner.stopAll()
        await closeWorker()
        await serviceGroup.triggerGracefulShutdown()
        // Graceful shutdown waits for every request in progress, and a client trickling a body
        // would hold it for ever: past the deadline, their connections are closed.
        // (A task of its own, not a task group: a group would wait for its child awaiting `runTask`.)
        let deadline = Task { [connections, shutdownDeadline] in
            try? await Task.sleep(for: .seconds(shutdownDeadline))
            if !Task.isCancelled { connections.closeAll() }
        }
        _ = try? await runTask.value
        deadline.cancel()
        // After the last answer: this reading is later than every `Date` and stamp given out,
        // so the next start needs no margin on top of it.
        await recordClock(true)
        store.releaseLock()
    }
}
