import AsyncHTTPClient
import Foundation
import MeshAPI
import MeshStandIn
import NIOCore
import Testing

/// A stand-in server on a free loopback port plus a tiny HTTP helper, for tests over real HTTP.
/// The server runs in this process (`start`) or is a `meshtop serve` child (`init(baseURL:)`).
public struct StandInHarness: Sendable {
    public static let keyA = "rsk_aaaaaaaaaaaaaaaaaaaaaaaaaa"
    public static let keyB = "rsk_bbbbbbbbbbbbbbbbbbbbbbbbbb"

    public struct Reply: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: Data

        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
        public var json: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: body)) ?? .null }
        public var batch: Batch? { try? JSONDecoder().decode(Batch.self, from: body) }
        public var page: BatchListPage? { try? JSONDecoder().decode(BatchListPage.self, from: body) }
    }

    public let baseURL: String
    /// nil when the server is another process.
    public let server: StandInServer?

    /// Talks to a stand-in that runs elsewhere (a child process); `stop()` then does nothing.
    public init(baseURL: String) {
        self.baseURL = baseURL
        server = nil
    }

    private init(server: StandInServer) {
        self.baseURL = server.baseURL
        self.server = server
    }

    public static func start(_ configure: (inout StandInOptions) -> Void = { _ in }) async throws -> StandInHarness {
        var options = StandInOptions(keys: [keyA: "team-a", keyB: "team-b"], speed: 1000, failureRate: 0)
        configure(&options)
        return StandInHarness(server: try await StandInServer.start(options))
    }

    public func stop() async { await server?.stop() }

    public func call(_ method: String, _ path: String, key: String? = keyA, body: Data? = nil,
              headers: [(String, String)] = [], timeout: TimeAmount = .seconds(60),
              client: HTTPClient = .shared) async throws -> Reply
    {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .init(rawValue: method)
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 256 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                     body: Data(buffer.readableBytesView))
    }

    public func create(_ json: JSONValue, key: String? = keyA, timeout: TimeAmount = .seconds(60),
                client: HTTPClient = .shared) async throws -> Reply
    {
        try await call("POST", "/v1/batches", key: key, body: try JSONEncoder().encode(json), timeout: timeout,
                       client: client)
    }

    /// A create body of `count` chat requests for `model`.
    public static func batchBody(count: Int, model: String = "openai/gpt-4o-mini", window: String? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "requests": .array((0..<count).map { index in
                .object([
                    "custom_id": .string("doc-\(index)"), "method": .string("POST"),
                    "url": .string("/v1/chat/completions"),
                    "body": .object([
                        "model": .string(model),
                        "messages": .array([.object(["role": .string("user"), "content": .string("Summarise item \(index)")])]),
                    ]),
                ])
            })
        ]
        if let window { object["completion_window"] = .string(window) }
        return .object(object)
    }

    /// Creates the batch and waits until it is terminal. The wait is long: beside the 50-loop load
    /// test a 200-item batch through a loopback upstream took 16 s (0.5 s alone).
    public func createAndFinish(_ json: JSONValue, seconds: Double = 50) async throws -> Batch {
        let created = try await create(json)
        guard let id = created.batch?.id else { throw HarnessTimeout(batch: nil) }
        return try await waitFor(id, seconds: seconds) { $0.isTerminal }
    }

    /// Creates `batches` batches of `itemsEach` requests one after another (for paging and load
    /// tests); the ids in creation order. A create without an id fails the test.
    public func createBatches(_ batches: Int, itemsEach: Int) async throws -> [String] {
        var created: [String] = []
        for _ in 0..<batches {
            created.append(try #require(try await create(Self.batchBody(count: itemsEach)).batch?.id))
        }
        return created
    }

    /// Polls (briefly) until the batch satisfies `done`, or fails after `seconds` of real time.
    public func waitFor(_ id: String, key: String = keyA, seconds: Double = 20, _ done: (Batch) -> Bool) async throws -> Batch {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while true {
            let reply = try await call("GET", "/v1/batches/\(id)", key: key)
            if let batch = reply.batch, done(batch) { return batch }
            if ContinuousClock.now > deadline { throw HarnessTimeout(batch: reply.batch) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
