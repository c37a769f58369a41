import Foundation
import MeshAPI
import MeshStandIn
import Synchronization
import Testing

/// `--upstream` against a scripted OpenAI-compatible server on loopback: real bodies and usage,
/// retries (429 with Retry-After, 5xx, a server that is down and comes up or stays down), final 4xx, the item
/// timeout, cancel, a hostile upstream, model discovery and routing.
@Suite(.timeLimit(.minutes(1))) struct UpstreamRunnerTests {
    @Test func twoHundredItemsCompleteWithTheUpstreamsBodiesAndUsage() async throws {
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in UpstreamFixture.respond(seen) }
        try await withTeardown({ await upstream.stop() }) {
            let harness = try await UpstreamFixture.standIn(upstream, concurrency: 8)
            try await withTeardown({ await harness.stop() }) {
                let started = ContinuousClock.now
                let done = try await harness.createAndFinish(StandInHarness.batchBody(count: 200))
                print("upstream: 200 items through --upstream (8 in flight) in \(ContinuousClock.now - started)")
                #expect(done.status == .completed)
                #expect(done.requestCounts == RequestCounts(total: 200, completed: 200, failed: 0))
                let results = try #require(done.results)
                #expect(results.count == 200)
                for number in 0..<200 {
                    let result = try #require(UpstreamFixture.resultFor(done, number))
                    #expect(result.response?.statusCode == 200)
                    #expect(result.response?.body?["id"]?.stringValue == "chatcmpl-fixture-\(number)")
                    #expect(result.usage == TokenUsage(promptTokens: number + 1, completionTokens: 7, totalTokens: number + 8))
                }
                let posts = upstream.requests.filter { $0.path == UpstreamFixture.chatPath }
                #expect(posts.count == 200)
                // The model name passed through, the key sent as a bearer token.
                #expect(posts.allSatisfy { (try? JSONValueParser.parse($0.body))?["model"] == .string("openai/gpt-4o-mini") })
                #expect(posts.allSatisfy { $0.headers["authorization"] == "Bearer upstream-secret" })
            }
        }
    }

    /// Each item's body goes upstream as the client wrote it, byte for byte: key order, spacing,
    /// an integer past 2^53, a number's spelling and an escape all survive (a parse and re-write
    /// would change every one of them).
    @Test func anItemsBodyIsSentAsItCame() async throws {
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in UpstreamFixture.respond(seen) }
        try await withTeardown({ await upstream.stop() }) {
            let harness = try await UpstreamFixture.standIn(upstream)
            try await withTeardown({ await harness.stop() }) {
                let body = #"{ "seed": 12345678901234567890, "model" : "openai\/gpt-4o-mini", "temperature": 0.50,"#
                    + #" "messages": [{"role": "user", "content": "caf\u00e9 \"quoted\""}] }"#
                let create = #"{"requests": [{"custom_id": "as-it-came", "body": \#(body)}]}"#
                let created = try await harness.call("POST", "/v1/batches", body: Data(create.utf8))
                let id = try #require(created.batch?.id, "\(created.status) \(String(decoding: created.body, as: UTF8.self))")
                _ = try await harness.waitFor(id) { $0.isTerminal }
                let posts = upstream.requests.filter { $0.path == UpstreamFixture.chatPath }
                #expect(posts.map(\.body) == [body])
            }
        }
    }

    @Test func a429WithRetryAfterIsWaitedOutAndRetried() async throws {
        let upstream = try await FixtureServer.start(port: 0) { seen, previous in
            guard seen.method == "POST" else { return UpstreamFixture.models }
            if previous == 0 {
                return FixtureServer.Reply(status: .tooManyRequests, headers: ["Retry-After": "1"],
                                           body: #"{"error":{"message":"slow down","type":"rate_limit"}}"#)
            }
            return UpstreamFixture.completion(seen)
        }
        try await withTeardown({ await upstream.stop() }) {
            let harness = try await UpstreamFixture.standIn(upstream)
            try await withTeardown({ await harness.stop() }) {
                let done = try await harness.createAndFinish(StandInHarness.batchBody(count: 1))
                #expect(UpstreamFixture.resultFor(done, 0)?.response?.statusCode == 200)
                let posts = upstream.requests.filter { $0.method == "POST" }
                #expect(posts.count == 2)
                if posts.count == 2 {
                    // Retry-After: 1 is honoured (our own backoff would have been ~50 ms).
                    #expect(posts[1].at - posts[0].at >= .milliseconds(950))
                }
            }
        }
    }

    @Test func serverErrorsAreRetriedUntilSuccessOrTheLimit() async throws {
        // Item 0: 500, 502, then 200. Item 1: always 503 (gives up after 3 attempts with the
        // upstream's own status and body). Item 2: a 400, final at once.
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in
            guard seen.method == "POST" else { return UpstreamFixture.models }
            let number = UpstreamFixture.itemNumber(seen) ?? -1
            switch number {
            case 1: return FixtureServer.Reply(status: .serviceUnavailable, body: #"{"error":{"message":"overloaded","code":"busy"}}"#)
            case 2: return FixtureServer.Reply(status: .badRequest, body: #"{"error":{"message":"bad","code":"invalid_request"}}"#)
            default: return UpstreamFixture.completion(seen)
            }
        }
        try await withTeardown({ await upstream.stop() }) {
            let flaky = try await FixtureServer.start(port: 0) { seen, previous in
                guard seen.method == "POST" else { return UpstreamFixture.models }
                switch previous {
                case 0: return FixtureServer.Reply(status: .internalServerError, body: #"{"error":{"message":"oops"}}"#)
                case 1: return FixtureServer.Reply(status: .badGateway, body: "<html>bad gateway</html>")
                default: return UpstreamFixture.completion(seen)
                }
            }
            try await withTeardown({ await flaky.stop() }) {

                let harness = try await StandInHarness.start {
                    $0.speed = 1
                    var options = UpstreamFixture.options(
                        [UpstreamRoute(pattern: "*5-nano", baseURL: flaky.baseURL + "/v1"), UpstreamFixture.route(upstream)],
                        maxAttempts: 3)
                    options.concurrency = 4
                    $0.upstream = options
                }
                try await withTeardown({ await harness.stop() }) {
                    let flakyID = try #require(try await harness.create(StandInHarness.batchBody(count: 1, model: "openai/gpt-5-nano")).batch?.id)
                    let mixedID = try #require(try await harness.create(StandInHarness.batchBody(count: 3)).batch?.id)
                    let flakyDone = try await harness.waitFor(flakyID, seconds: 40) { $0.isTerminal }
                    #expect(UpstreamFixture.resultFor(flakyDone, 0)?.response?.statusCode == 200)
                    #expect(flaky.count("POST", UpstreamFixture.chatPath) == 3)

                    let mixed = try await harness.waitFor(mixedID, seconds: 40) { $0.isTerminal }
                    #expect(mixed.status == .completed)
                    #expect(mixed.requestCounts == RequestCounts(total: 3, completed: 1, failed: 2))
                    let gaveUp = try #require(UpstreamFixture.resultFor(mixed, 1))
                    #expect(gaveUp.response?.statusCode == 503 && gaveUp.response?.body?["error"]?["code"]?.stringValue == "busy")
                    let refused = try #require(UpstreamFixture.resultFor(mixed, 2))
                    #expect(refused.response?.statusCode == 400 && refused.response?.body?["error"]?["code"]?.stringValue == "invalid_request")
                    let sent = upstream.requests.filter { $0.method == "POST" }.compactMap(UpstreamFixture.itemNumber)
                    #expect(sent.filter { $0 == 1 }.count == 3, "503 retried up to the limit")
                    #expect(sent.filter { $0 == 2 }.count == 1, "400 is final at once")
                }
            }
        }
    }

    @Test func anUpstreamThatIsDownThenUpIsWaitedFor() async throws {
        // A port that was free a moment ago: nothing listens there until the upstream starts.
        let port = try await UpstreamFixture.freePort()
        let events = UpstreamEventLines()
        let harness = try await StandInHarness.start {
            $0.speed = 1
            var options = UpstreamFixture.options([UpstreamFixture.route(port: port)],
                                                  maxAttempts: 30)
            options.retry.maxDelay = .milliseconds(300)
            options.log = events.write
            $0.upstream = options
        }
        try await withTeardown({ await harness.stop() }) {
            let id = try #require(try await harness.create(StandInHarness.batchBody(count: 5)).batch?.id)
            // The items met the missing upstream and are held for it (not failed, not retried).
            try await events.waitFor("upstream down:")
            let waiting = try #require(try await harness.call("GET", "/v1/batches/\(id)").batch)
            #expect(waiting.status == .inProgress && waiting.requestCounts?.finished == 0)
            let server = try await UpstreamFixture.startAgain(on: port)
            try await withTeardown({ await server.stop() }) {
                let done = try await harness.waitFor(id, seconds: 40) { $0.isTerminal }
                #expect(done.requestCounts == RequestCounts(total: 5, completed: 5, failed: 0))
            }
        }
    }

    /// Nothing ever listens: the items are held, never failed and never counted as attempts (the
    /// upstream may be restarting), and a cancel ends them at once as never run.
    @Test func anUpstreamThatStaysDownHoldsItsItemsUntilCancelled() async throws {
        // A port that was free a moment ago, and stays free for the test.
        let port = try await UpstreamFixture.freePort()
        let events = UpstreamEventLines()
        let harness = try await StandInHarness.start {
            $0.speed = 1
            var options = UpstreamFixture.options([UpstreamFixture.route(port: port)],
                                                  maxAttempts: 2)
            options.log = events.write
            $0.upstream = options
        }
        try await withTeardown({ await harness.stop() }) {
            let id = try #require(try await harness.create(StandInHarness.batchBody(count: 2)).batch?.id)
            try await events.waitFor("upstream down:")
            #expect(events.all.first { $0.hasPrefix("upstream down:") }?.contains("http://127.0.0.1:\(port)/v1") == true)
            let held = try #require(try await harness.call("GET", "/v1/batches/\(id)").batch)
            #expect(held.status == .inProgress && held.requestCounts?.finished == 0)
            let cancelling = try await harness.call("POST", "/v1/batches/\(id)/cancel", body: Data("{}".utf8))
            #expect(cancelling.batch?.status == .cancelling)
            let done = try await harness.waitFor(id, seconds: 20) { $0.isTerminal }
            #expect(done.status == .cancelled)
            #expect(done.requestCounts == RequestCounts(total: 2, completed: 0, failed: 0))
            #expect(done.results?.allSatisfy { $0.response == nil && $0.error?.code == "batch_cancelled" } == true)
            #expect(events.count("upstream failed:") == 0, "\(events.all)")
        }
    }

    /// The warning for an upstream that cannot list its models names it without what a URL may
    /// carry as credentials (userinfo, a query token).
    @Test func theModelListWarningNeverPrintsCredentialsOfTheURL() async throws {
        let port = try await UpstreamFixture.freePort()
        let (warnings, warn) = AsyncStream.makeStream(of: String.self)
        let harness = try await StandInHarness.start {
            $0.speed = 1
            var options = UpstreamFixture.options(
                [UpstreamRoute(pattern: nil, baseURL: "http://alice:s3cret-pass@127.0.0.1:\(port)/v1?api_key=s3cret-token#frag")])
            options.warn = { line in warn.yield(line) }
            $0.upstream = options
        }
        try await withTeardown({ await harness.stop() }) {
            warn.finish()
            var lines: [String] = []
            for await line in warnings { lines.append(line) }
            #expect(lines.count == 1, "\(lines)")
            let line = lines.first ?? ""
            #expect(line.contains("upstream http://127.0.0.1:\(port)/v1 did not list its models"), "\(line)")
            #expect(!line.contains("s3cret") && !line.contains("alice") && !line.contains("frag"), "\(line)")
        }
    }

    /// A 429 every time: retried up to the limit, then the item ends with the upstream's own 429
    /// status and body (not an `upstream_error` of ours).
    @Test func a429UntilTheLimitEndsWithTheUpstreamsStatusAndBody() async throws {
        let refusal = #"{"error":{"message":"quota exhausted","type":"rate_limit","code":"rate_limited"}}"#
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in
            guard seen.method == "POST" else { return UpstreamFixture.models }
            return FixtureServer.Reply(status: .tooManyRequests, body: refusal)
        }
        try await withTeardown({ await upstream.stop() }) {
            let harness = try await UpstreamFixture.standIn(upstream, maxAttempts: 3)
            try await withTeardown({ await harness.stop() }) {
                let done = try await harness.createAndFinish(StandInHarness.batchBody(count: 1))
                #expect(done.requestCounts == RequestCounts(total: 1, completed: 0, failed: 1))
                let result = try #require(UpstreamFixture.resultFor(done, 0))
                #expect(result.response?.statusCode == 429)
                #expect(result.response?.body == (try JSONValueParser.parse(refusal)))
                #expect(upstream.count("POST", UpstreamFixture.chatPath) == 3, "tried up to the limit")
            }
        }
    }

    /// Expiry under `--upstream` works as in the simulator: once the window has passed no queued
    /// item starts (none is sent), the items that ran keep their answers, and the rest end as
    /// `batch_expired` with no response, counted neither completed nor failed.
    @Test func queuedItemsExpireAtTheCompletionWindow() async throws {
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in UpstreamFixture.respond(seen, completionDelay: 1) }
        try await withTeardown({ await upstream.stop() }) {
            // One item at a time, a second each: a 3 s window (stamps are whole seconds, so 2-3 s of
            // real time) lets a few run, never all ten.
            let harness = try await UpstreamFixture.standIn(upstream, concurrency: 1)
            try await withTeardown({ await harness.stop() }) {
                let done = try await harness.createAndFinish(StandInHarness.batchBody(count: 10, window: "3s"), seconds: 30)
                #expect(done.status == .expired)
                let counts = try #require(done.requestCounts)
                #expect(counts.total == 10 && counts.failed == 0)
                #expect((1...4).contains(counts.completed), "\(counts)")
                let results = try #require(done.results)
                #expect(results.count == 10)
                let ran = results.filter { $0.response?.statusCode == 200 }
                let expired = results.filter { $0.error?.code == "batch_expired" }
                #expect(ran.count == counts.completed)
                #expect(expired.count == 10 - counts.completed)
                #expect(expired.allSatisfy { $0.response == nil })
                #expect(upstream.count("POST", UpstreamFixture.chatPath) == counts.completed, "an expired item is never sent")
                if let expiredAt = done.expiredAt, let expiresAt = done.expiresAt { #expect(expiredAt >= expiresAt) }
            }
        }
    }

    /// One item whose upstream never answers: it fails at the item timeout (504 `upstream_error`),
    /// is not sent again, and the batch completes.
    @Test func anItemThatHangsEndsAtTheItemTimeout() async throws {
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in
            guard seen.method == "POST" else { return UpstreamFixture.models }
            return FixtureServer.Reply(body: "{}", delay: 30)
        }
        try await withTeardown({ await upstream.stop() }) {
            let harness = try await UpstreamFixture.standIn(upstream, itemTimeout: 1)
            try await withTeardown({ await harness.stop() }) {
                let started = ContinuousClock.now
                let done = try await harness.createAndFinish(StandInHarness.batchBody(count: 1))
                #expect(ContinuousClock.now - started < .seconds(20))
                #expect(done.status == .completed)
                #expect(done.requestCounts == RequestCounts(total: 1, completed: 0, failed: 1))
                let hung = try #require(UpstreamFixture.resultFor(done, 0))
                #expect(hung.response?.statusCode == 504)
                #expect(hung.response?.body?["error"]?["code"]?.stringValue == "upstream_error")
                #expect(upstream.count("POST", UpstreamFixture.chatPath) == 1, "a timeout is not retried")
            }
        }
    }

    @Test func cancelKeepsFinishedItemsAndNeverSendsQueuedOnes() async throws {
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in UpstreamFixture.respond(seen, completionDelay: 0.1) }
        try await withTeardown({ await upstream.stop() }) {
            let harness = try await UpstreamFixture.standIn(upstream, concurrency: 2)
            let ran = try await withTeardown({ await harness.stop() }) {
                let id = try #require(try await harness.create(StandInHarness.batchBody(count: 100)).batch?.id)
                _ = try await harness.waitFor(id, seconds: 40) { ($0.requestCounts?.finished ?? 0) >= 4 }
                let cancelling = try await harness.call("POST", "/v1/batches/\(id)/cancel", body: Data("{}".utf8))
                #expect(cancelling.batch?.status == .cancelling)
                let done = try await harness.waitFor(id, seconds: 40) { $0.isTerminal }
                #expect(done.status == .cancelled)
                let results = try #require(done.results)
                let ran = results.filter { $0.response?.statusCode == 200 }
                let cancelled = results.filter { $0.response == nil && $0.error?.code == "batch_cancelled" }
                #expect(results.count == 100 && ran.count + cancelled.count == 100)
                #expect(ran.count >= 4 && ran.count < 100)
                #expect(done.requestCounts?.completed == ran.count && done.requestCounts?.failed == 0)
                return ran
            }
            // The upstream saw exactly the items that ran, each once; none of the queued ones, even
            // later: read once the stand-in has stopped (its runner awaited), so nothing can follow.
            let sent = upstream.requests.filter { $0.method == "POST" }.compactMap(UpstreamFixture.itemNumber)
            #expect(sent.count == ran.count && Set(sent) == Set(ran.compactMap { Int($0.customID.dropFirst(4)) }))
        }
    }

    /// Four batches, `--concurrency 3 --batch-concurrency 1`: never more than three items at the
    /// upstream, never two of one batch. Each request is held 150 ms there, so requests that arrived
    /// within 140 ms of each other were in flight together.
    @Test func concurrencyBoundsItemsInFlightAcrossAndWithinBatches() async throws {
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in UpstreamFixture.respond(seen, completionDelay: 0.15) }
        try await withTeardown({ await upstream.stop() }) {
            let harness = try await UpstreamFixture.standIn(upstream, concurrency: 3, batchConcurrency: 1)
            try await withTeardown({ await harness.stop() }) {
                let models = ["openai/gpt-4o-mini", "openai/gpt-5-nano", "openai/gpt-4.1", "openai/gpt-5.4"]
                var ids: [String] = []
                for model in models {
                    ids.append(try #require(try await harness.create(StandInHarness.batchBody(count: 4, model: model)).batch?.id))
                }
                for id in ids { _ = try await harness.waitFor(id, seconds: 40) { $0.isTerminal } }
                let posts = upstream.requests.filter { $0.method == "POST" }
                #expect(posts.count == 16)
                func together(_ requests: [FixtureServer.Seen]) -> Int {
                    requests.map { request in
                        requests.filter { $0.at <= request.at && request.at - $0.at < .milliseconds(140) }.count
                    }.max() ?? 0
                }
                #expect(together(posts) <= 3)
                #expect(together(posts) >= 2, "batches ran side by side")
                for model in models {
                    #expect(together(posts.filter { (try? JSONValueParser.parse($0.body))?["model"] == .string(model) }) == 1, "\(model)")
                }
            }
        }
    }

    @Test func garbageAndHugeAnswersBecomeUpstreamErrors() async throws {
        let hugeAnswer = #"{"id": ""# + String(repeating: "a", count: 1 << 20) + #""}"#
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in
            guard seen.method == "POST" else { return UpstreamFixture.models }
            switch UpstreamFixture.itemNumber(seen) {
            case 0: return FixtureServer.Reply(body: #"{"id": "chatcmpl-1", "choices": [{"#)
            case 1: return FixtureServer.Reply(body: String(repeating: "[", count: 100_000))
            case 2: return FixtureServer.Reply(body: #""just a string""#)
            // 1 MiB of JSON, over the test's 256 KiB answer limit.
            case 3: return FixtureServer.Reply(body: hugeAnswer)
            default: return UpstreamFixture.completion(seen)
            }
        }
        try await withTeardown({ await upstream.stop() }) {
            let harness = try await UpstreamFixture.standIn(upstream)
            try await withTeardown({ await harness.stop() }) {
                let done = try await harness.createAndFinish(StandInHarness.batchBody(count: 5))
                #expect(done.requestCounts == RequestCounts(total: 5, completed: 1, failed: 4))
                for number in 0..<4 {
                    let result = try #require(UpstreamFixture.resultFor(done, number))
                    #expect(result.response?.statusCode == 502, "item \(number)")
                    #expect(result.response?.body?["error"]?["code"]?.stringValue == "upstream_error", "item \(number)")
                }
                let message = UpstreamFixture.resultFor(done, 3)?.response?.body?["error"]?["message"]?.stringValue ?? ""
                #expect(message.contains("longer than"))
                // Still answering.
                #expect(try await harness.call("GET", "/v1/batches").status == 200)
            }
        }
    }

    @Test func modelsTheUpstreamListsResolveAndCatalogNamesAreMapped() async throws {
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in UpstreamFixture.respond(seen) }
        try await withTeardown({ await upstream.stop() }) {
            let catalog = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: catalog) }
            try Data("""
                [{"id": "openai/gpt-4o-mini", "name": "GPT-4o mini", "provider": "openai", "is_free": false,
                  "supports_batching": true, "upstream_model": "llama3.2:1b"}]
                """.utf8).write(to: catalog)
            let harness = try await StandInHarness.start {
                $0.speed = 1
                $0.catalogPath = catalog.path
                $0.upstream = UpstreamFixture.options([UpstreamFixture.route(upstream)])
            }
            try await withTeardown({ await harness.stop() }) {
                let models = try await harness.call("GET", "/v1/models").json.arrayValue ?? []
                #expect(models.compactMap { $0["id"]?.stringValue } == ["openai/gpt-4o-mini", "fixture/echo-1"])
                #expect(models.allSatisfy { $0["upstream_model"] == nil }, "the upstream name stays the stand-in's")
                #expect(upstream.count("GET", "/v1/models") == 1)

                let mapped = try #require(try await harness.create(StandInHarness.batchBody(count: 1)).batch?.id)
                _ = try await harness.waitFor(mapped, seconds: 40) { $0.isTerminal }
                let listed = try #require(try await harness.create(StandInHarness.batchBody(count: 1, model: "fixture/echo-1")).batch)
                #expect(listed.provider == "fixture")
                let done = try await harness.waitFor(listed.id, seconds: 40) { $0.isTerminal }
                #expect(done.requestCounts?.completed == 1)
                let sentModels = upstream.requests.filter { $0.method == "POST" }.compactMap {
                    (try? JSONValueParser.parse($0.body))?["model"]?.stringValue
                }
                #expect(sentModels == ["llama3.2:1b", "fixture/echo-1"])
                let unknown = try await harness.create(StandInHarness.batchBody(count: 1, model: "acme/nothing"))
                #expect(unknown.status == 404 && unknown.json["error"]?["code"]?.stringValue == "model_not_found")
            }
        }
    }

    /// With pattern routes only, a model none of them takes is refused at create, before any item.
    @Test func aModelNoRouteTakesIsRefusedAtCreate() async throws {
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in UpstreamFixture.respond(seen) }
        try await withTeardown({ await upstream.stop() }) {
            let harness = try await StandInHarness.start {
                $0.upstream = UpstreamFixture.options([UpstreamRoute(pattern: "fixture/*", baseURL: upstream.baseURL + "/v1")])
            }
            try await withTeardown({ await harness.stop() }) {
                let refused = try await harness.create(StandInHarness.batchBody(count: 1))
                #expect(refused.status == 404 && refused.json["error"]?["code"]?.stringValue == "model_not_found")
                let taken = try await harness.create(StandInHarness.batchBody(count: 1, model: "fixture/echo-1"))
                let id = try #require(taken.batch?.id)
                #expect(try await harness.waitFor(id, seconds: 40) { $0.isTerminal }.requestCounts?.completed == 1)
                #expect(upstream.count("POST", UpstreamFixture.chatPath) == 1)
            }
        }
    }
}
