import Foundation
import MeshAPI
import MeshStandIn

/// What the scripted upstream answers by default (an OpenAI-compatible chat.completion whose usage
/// depends on the request, so a test can tell each item's answer was really its own) and the
/// stand-in options that point at it with retries fast enough for tests.
enum UpstreamFixture {
    static let chatPath = "/v1/chat/completions"

    /// The item number in "Summarise item N" (`StandInHarness.batchBody`'s message).
    static func itemNumber(_ seen: FixtureServer.Seen) -> Int? {
        guard let range = seen.body.range(of: "Summarise item ") else { return nil }
        return Int(seen.body[range.upperBound...].prefix { $0.isNumber })
    }

    /// A chat.completion for the request: `chatcmpl-fixture-N`, prompt tokens N + 1.
    static func completion(_ seen: FixtureServer.Seen) -> FixtureServer.Reply {
        let number = itemNumber(seen) ?? -1
        let model = (try? JSONValueParser.parse(seen.body))?["model"]?.stringValue ?? "?"
        return FixtureServer.Reply(body: """
            {"id":"chatcmpl-fixture-\(number)","object":"chat.completion","created":1,"model":"\(model)",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"answer \(number)"},"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":\(number + 1),"completion_tokens":7,"total_tokens":\(number + 8)}}
            """)
    }

    static let models = FixtureServer.Reply(body: #"{"object":"list","data":[{"id":"fixture/echo-1","owned_by":"fixture"}]}"#)

    /// The default upstream: models on GET, a completion for every POST, held `completionDelay`
    /// seconds first (to keep items in flight for a while).
    static func respond(_ seen: FixtureServer.Seen, completionDelay: Double = 0) -> FixtureServer.Reply {
        guard seen.method != "GET" else { return models }
        var reply = completion(seen)
        reply.delay = completionDelay
        return reply
    }

    /// Upstream options for `routes`, with retries and probes of a down upstream in tens of milliseconds.
    static func options(_ routes: [UpstreamRoute], concurrency: Int = 4, itemTimeout: Double = 30, maxAttempts: Int = 5)
        -> UpstreamOptions
    {
        UpstreamOptions(routes: routes, apiKey: "upstream-secret", concurrency: concurrency, itemTimeoutSeconds: itemTimeout,
                        retry: RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(50), maxDelay: .milliseconds(200)),
                        maxAnswerBytes: 256 << 10, modelsTimeoutSeconds: 5,
                        probeBackoff: RetryPolicy(maxAttempts: .max, baseDelay: .milliseconds(50), maxDelay: .milliseconds(200)))
    }

    /// A port that was free a moment ago: nothing listens there until a test starts an upstream on it.
    static func freePort() async throws -> Int {
        let probe = try await FixtureServer.start(port: 0) { seen, _ in respond(seen) }
        let port = probe.port
        await probe.stop()
        return port
    }

    /// An upstream on `port` again, once the port can be bound (a listener just closed may hold it
    /// for a moment): an upstream that went away and comes back.
    static func startAgain(on port: Int,
                           answer: @escaping @Sendable (FixtureServer.Seen, Int) -> FixtureServer.Reply = { seen, _ in respond(seen) })
        async throws -> FixtureServer
    {
        for _ in 0..<49 {
            if let server = try? await FixtureServer.start(port: port, respondTo: answer) { return server }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await FixtureServer.start(port: port, respondTo: answer)
    }

    static func route(port: Int) -> UpstreamRoute {
        UpstreamRoute(pattern: nil, baseURL: "http://127.0.0.1:\(port)/v1")
    }

    static func route(_ server: FixtureServer) -> UpstreamRoute {
        UpstreamRoute(pattern: nil, baseURL: server.baseURL + "/v1")
    }

    /// A stand-in (real time) in front of `server`.
    static func standIn(_ server: FixtureServer, concurrency: Int = 4, batchConcurrency: Int? = nil,
                        itemTimeout: Double = 30, maxAttempts: Int = 5) async throws -> StandInHarness
    {
        try await StandInHarness.start {
            $0.speed = 1
            $0.itemConcurrency = batchConcurrency ?? concurrency
            $0.upstream = options([route(server)], concurrency: concurrency, itemTimeout: itemTimeout, maxAttempts: maxAttempts)
        }
    }

    static func resultFor(_ batch: Batch, _ number: Int) -> BatchResult? {
        batch.results?.first { $0.customID == "doc-\(number)" }
    }
}
