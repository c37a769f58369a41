import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A tiny scripted HTTP server for what the stand-in cannot do on purpose: 429 then 200, 502s,
/// malformed JSON, an answer that never comes, a body that trickles, a body too large to keep. `respond` sees each request (with how many came
/// before it to the same method and path) and says what to answer.
///
/// Shared by the client's tests (a hostile Mesh server) and the stand-in's (a scripted
/// OpenAI-compatible upstream for `--upstream`), so there is one scripted server to keep working.
public final class FixtureServer: Sendable {
    public struct Reply: Sendable {
        public var status: HTTPResponse.Status = .ok
        public var headers: [String: String] = [:]
        public var body: String = "{}"
        /// Seconds to wait before answering (longer than the client's timeout = no answer).
        public var delay: Double = 0
        /// When set, the body goes out `trickleBytes` at a time (one by default) with this many seconds
        /// between writes (headers at once): an answer that starts and never quite ends, or a big one
        /// that arrives steadily.
        public var trickle: Double? = nil
        public var trickleBytes: Int = 1
        /// The body is sent this many times in a row (as chunks, never built whole): big answers,
        /// between `head` and `tail`, which open and close the JSON around the repeated part; with
        /// `trickle`, that many seconds after each repetition.
        public var repeatCount: Int = 1
        public var head: String = ""
        public var tail: String = ""

        public init(status: HTTPResponse.Status = .ok, headers: [String: String] = [:], body: String = "{}",
                    delay: Double = 0, trickle: Double? = nil, trickleBytes: Int = 1, repeatCount: Int = 1,
                    head: String = "", tail: String = "") {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
            self.trickle = trickle
            self.trickleBytes = trickleBytes
            self.repeatCount = repeatCount
            self.head = head
            self.tail = tail
        }
    }

    public struct Seen: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var at: ContinuousClock.Instant
        /// The request's body as text (the whole of it: fixtures get small requests).
        public var body: String
    }

    public let baseURL: String
    public let port: Int
    private let runTask: Task<Void, any Error>
    private let box: LogBox

    public var requests: [Seen] { box.log.withLock { $0 } }

    public func count(_ method: String, _ path: String) -> Int {
        requests.filter { $0.method == method && $0.path == path }.count
    }

    private init(port: Int, runTask: Task<Void, any Error>, box: LogBox) {
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)"
        self.runTask = runTask
        self.box = box
    }

    public static func start(_ respond: @escaping @Sendable (_ method: String, _ path: String, _ previous: Int) -> Reply) async throws -> FixtureServer {
        try await start(port: 0) { seen, previous in respond(seen.method, seen.path, previous) }
    }

    /// As `start(_:)`, with the whole request (its body too) for `respond`, on `port` (0: a free one).
    public static func start(port: Int, respondTo respond: @escaping @Sendable (_ request: Seen, _ previous: Int) -> Reply)
        async throws -> FixtureServer
    {
        let sharedLog = LogBox()
        let router = Router(context: BasicRequestContext.self)
        router.on("**", method: .get) { request, _ in try await Self.answer(request, respond, sharedLog) }
        router.on("**", method: .post) { request, _ in try await Self.answer(request, respond, sharedLog) }
        var logger = Logger(label: "fixture")
        logger.logLevel = .critical
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let runTask = Task { try await app.run() }
        var iterator = portStream.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await runTask.value
            throw CancellationError()
        }
        return FixtureServer(port: port, runTask: runTask, box: sharedLog)
    }

    public func stop() async {
        runTask.cancel()
        _ = try? await runTask.value
    }

    private static func answer(_ request: Request, _ respond: @Sendable (Seen, Int) -> Reply,
                               _ box: LogBox) async throws -> Response {
        let method = request.method.rawValue
        let path = request.uri.path
        var headers: [String: String] = [:]
        // canonicalName is lowercase, so tests look headers up by lowercase names.
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        var request = request
        let bodyBytes = try await request.collectBody(upTo: 16 << 20)
        let seen = Seen(method: method, path: path, headers: headers, at: .now,
                        body: String(decoding: bodyBytes.readableBytesView, as: UTF8.self))
        let previous = box.log.withLock { log in
            let previous = log.filter { $0.method == method && $0.path == path }.count
            log.append(seen)
            return previous
        }
        let reply = respond(seen, previous)
        if reply.delay > 0 { try await Task.sleep(for: .milliseconds(Int64(reply.delay * 1000))) }
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        if reply.repeatCount > 1 || !reply.head.isEmpty || !reply.tail.isEmpty {
            let head = ByteBuffer(string: reply.head)
            let chunk = ByteBuffer(string: reply.body)
            let tail = ByteBuffer(string: reply.tail)
            let count = reply.repeatCount
            return Response(status: reply.status, headers: fields, body: .init { writer in
                try await writer.write(head)
                for _ in 0..<count {
                    try await writer.write(chunk)
                    // With `trickle`, a pause after each repetition: a big answer that takes a while.
                    if let pause = reply.trickle { try await Task.sleep(for: .milliseconds(Int64(pause * 1000))) }
                }
                try await writer.write(tail)
                try await writer.finish(nil)
            })
        }
        if let pause = reply.trickle {
            let bytes = Array(reply.body.utf8)
            let step = max(1, reply.trickleBytes)
            return Response(status: reply.status, headers: fields, body: .init { writer in
                for start in stride(from: 0, to: bytes.count, by: step) {
                    try await writer.write(ByteBuffer(bytes: bytes[start..<min(bytes.count, start + step)]))
                    try await Task.sleep(for: .milliseconds(Int64(pause * 1000)))
                }
                try await writer.finish(nil)
            })
        }
        return Response(status: reply.status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: reply.body)))
    }
}
