import Foundation
import MeshAPI
@testable import MeshStandIn
import Synchronization
import Testing

/// Model servers that come and go, over real loopback against scripted upstreams: a model loaded
/// after serve started, an outage longer than the retry window, a server that hangs every request,
/// one that hangs a request then answers it again, and 500s that say the request is invalid.
@Suite(.timeLimit(.minutes(1))) struct UpstreamOutageTests {
    /// llama.cpp loads its model after serve has started (the usual order under a process manager):
    /// a create for it asks the upstream again, and its provider is `owned_by`, not a folder of its path.
    @Test func aModelTheUpstreamLoadsAfterStartIsServed() async throws {
        let late = #"{"object":"list","data":[{"id":"/models/late.gguf","object":"model","owned_by":"llamacpp"}]}"#
        let upstream = try await FixtureServer.start(port: 0) { seen, previous in
            guard seen.method == "POST" else {
                return FixtureServer.Reply(body: previous == 0 ? #"{"object":"list","data":[]}"# : late)
            }
            return UpstreamFixture.completion(seen)
        }
        let harness = try await StandInHarness.start {
            $0.speed = 1
            var options = UpstreamFixture.options([UpstreamFixture.route(upstream)])
            options.modelsRefreshSeconds = 0
            options.modelsRecheckSeconds = 0
            $0.upstream = options
        }
        let created = try await harness.create(StandInHarness.batchBody(count: 2, model: "/models/late.gguf"))
        #expect(created.status == 200, "\(String(decoding: created.body, as: UTF8.self))")
        #expect(created.batch?.provider == "llamacpp")
        if let id = created.batch?.id {
            let done = try await harness.waitFor(id) { $0.isTerminal }
            #expect(done.requestCounts == RequestCounts(total: 2, completed: 2, failed: 0))
        }
        let listed = try await harness.call("GET", "/v1/models").json.arrayValue ?? []
        #expect(listed.contains { $0["id"]?.stringValue == "/models/late.gguf" })
        #expect(upstream.count("GET", "/v1/models") == 2, "once at start, once for the unknown model")
        await harness.stop()
        await upstream.stop()
    }

    /// Unknown names ask the upstream at most once per recheck interval: right after start (the
    /// list was just asked) ten creates for unknown models ask nothing more.
    @Test func unknownModelsAskTheUpstreamAtMostOncePerRecheckInterval() async throws {
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in UpstreamFixture.respond(seen) }
        let harness = try await StandInHarness.start {
            $0.speed = 1
            var options = UpstreamFixture.options([UpstreamFixture.route(upstream)])
            options.modelsRefreshSeconds = 0
            options.modelsRecheckSeconds = 3600
            $0.upstream = options
        }
        for number in 0..<10 {
            let refused = try await harness.create(StandInHarness.batchBody(count: 1, model: "acme/none-\(number)"))
            #expect(refused.status == 404 && refused.json["error"]?["code"]?.stringValue == "model_not_found")
        }
        #expect(upstream.count("GET", "/v1/models") == 1, "only the start's")
        await harness.stop()
        await upstream.stop()
    }

    /// The periodic refresh finds a model loaded later, with no create asking for it.
    @Test func thePeriodicRefreshFindsAModelLoadedLater() async throws {
        let upstream = try await FixtureServer.start(port: 0) { seen, previous in
            guard seen.method == "POST" else {
                return FixtureServer.Reply(body: previous < 2
                    ? #"{"data":[]}"# : #"{"data":[{"id":"meta-llama/Llama-3.2-1B","owned_by":"vllm"}]}"#)
            }
            return UpstreamFixture.completion(seen)
        }
        let harness = try await StandInHarness.start {
            $0.speed = 1
            var options = UpstreamFixture.options([UpstreamFixture.route(upstream)])
            options.modelsRefreshSeconds = 0.2
            options.modelsRecheckSeconds = 3600
            $0.upstream = options
        }
        var listed: [JSONValue] = []
        for _ in 0..<500 where !listed.contains(where: { $0["id"]?.stringValue == "meta-llama/Llama-3.2-1B" }) {
            try await Task.sleep(for: .milliseconds(20))
            listed = try await harness.call("GET", "/v1/models").json.arrayValue ?? []
        }
        #expect(upstream.count("GET", "/v1/models") >= 3, "asked at start, then by the timer")
        let created = try await harness.create(StandInHarness.batchBody(count: 1, model: "meta-llama/Llama-3.2-1B"))
        #expect(created.status == 200)
        #expect(created.batch?.provider == "meta-llama", "a repository id names its maker")
        await harness.stop()
        await upstream.stop()
    }

    /// The upstream goes away mid-batch for longer than the whole retry window (3 attempts, at most
    /// 200 ms apart) and comes back on its port: every item succeeds, no attempt was spent on the
    /// outage (item 7's one 503 after it still leaves it its second attempt), and the log says so.
    @Test func anOutageLongerThanTheRetryWindowHoldsItemsUntilTheUpstreamIsBack() async throws {
        let events = UpstreamEventLines()
        let first = try await FixtureServer.start(port: 0) { seen, _ in UpstreamFixture.respond(seen, completionDelay: 0.1) }
        let port = first.port
        let harness = try await StandInHarness.start {
            $0.speed = 1
            $0.itemConcurrency = 2
            var options = UpstreamFixture.options([UpstreamFixture.route(port: port)],
                                                  concurrency: 2, maxAttempts: 2)
            options.probeTimeoutSeconds = 1
            options.log = events.write
            $0.upstream = options
        }
        let id = try #require(try await harness.create(StandInHarness.batchBody(count: 10)).batch?.id)
        _ = try await harness.waitFor(id) { ($0.requestCounts?.completed ?? 0) >= 2 }
        await first.stop()
        try await events.waitFor("upstream down:")
        // Held well past the old retry window (2 attempts * 200 ms): nothing failed meanwhile.
        try await Task.sleep(for: .seconds(1.5))
        let held = try #require(try await harness.call("GET", "/v1/batches/\(id)").batch)
        #expect(held.status == .inProgress && held.requestCounts?.failed == 0, "\(String(describing: held.requestCounts))")

        let answeredSeven = Mutex(false)
        let back = try await UpstreamFixture.startAgain(on: port) { seen, _ in
            if UpstreamFixture.itemNumber(seen) == 7, !answeredSeven.withLock({ flag in defer { flag = true }; return flag }) {
                return FixtureServer.Reply(status: .serviceUnavailable, body: #"{"error":{"message":"loading"}}"#)
            }
            return UpstreamFixture.respond(seen)
        }
        let done = try await harness.waitFor(id, seconds: 30) { $0.isTerminal }
        #expect(done.status == .completed)
        #expect(done.requestCounts == RequestCounts(total: 10, completed: 10, failed: 0))
        for number in 0..<10 {
            #expect(UpstreamFixture.resultFor(done, number)?.response?.body?["id"]?.stringValue == "chatcmpl-fixture-\(number)")
        }
        let sevens = back.requests.filter { $0.method == "POST" && UpstreamFixture.itemNumber($0) == 7 }
        #expect(sevens.count == 2, "the 503 spent one attempt, the outage none")
        try await events.waitFor("upstream back:")
        #expect(events.count("upstream down:") == 1 && events.count("upstream back:") == 1, "\(events.all)")
        #expect(events.all.contains { $0.hasPrefix("upstream retried:") && $0.contains("HTTP 503") }, "\(events.all)")
        #expect(events.all.allSatisfy { !$0.contains("upstream-secret") })
        await harness.stop()
        await back.stop()
    }

    /// An upstream held down past a batch's window: its held items were never run, and end as
    /// `batch_expired`, not as failures.
    @Test func itemsHeldPastTheWindowExpireUnrun() async throws {
        let port = try await UpstreamFixture.freePort()
        let harness = try await StandInHarness.start {
            $0.speed = 1
            var options = UpstreamFixture.options([UpstreamFixture.route(port: port)],
                                                  maxAttempts: 2)
            $0.upstream = options
        }
        let done = try await harness.createAndFinish(StandInHarness.batchBody(count: 3, window: "2s"), seconds: 30)
        #expect(done.status == .expired)
        #expect(done.requestCounts == RequestCounts(total: 3, completed: 0, failed: 0))
        #expect(done.results?.allSatisfy { $0.error?.code == "batch_expired" && $0.response == nil } == true)
        await harness.stop()
    }

    /// Two upstreams, one of which never answers a POST (a stopping llama-server): its items hold
    /// only its own slots, and the batch routed to the healthy one finishes while they still hang.
    @Test func anUpstreamThatHangsEveryRequestDoesNotStallAnotherUpstreamsBatch() async throws {
        let hung = try await FixtureServer.start(port: 0) { seen, _ in
            guard seen.method == "POST" else { return UpstreamFixture.models }
            return FixtureServer.Reply(body: "{}", delay: 50)
        }
        let healthy = try await FixtureServer.start(port: 0) { seen, _ in UpstreamFixture.respond(seen) }
        let harness = try await StandInHarness.start {
            $0.speed = 1
            var options = UpstreamFixture.options(
                [UpstreamRoute(pattern: "*5-nano", baseURL: hung.baseURL + "/v1"), UpstreamFixture.route(healthy)],
                concurrency: 2, itemTimeout: 40)
            options.firstByteTimeoutSeconds = 30
            $0.upstream = options
        }
        let stuckID = try #require(try await harness.create(StandInHarness.batchBody(count: 4, model: "openai/gpt-5-nano")).batch?.id)
        // Both of the hung upstream's slots are taken before the other batch is created.
        for _ in 0..<400 where hung.count("POST", UpstreamFixture.chatPath) < 2 { try await Task.sleep(for: .milliseconds(25)) }
        #expect(hung.count("POST", UpstreamFixture.chatPath) == 2)
        let done = try await harness.createAndFinish(StandInHarness.batchBody(count: 6), seconds: 25)
        #expect(done.requestCounts == RequestCounts(total: 6, completed: 6, failed: 0))
        let stuck = try #require(try await harness.call("GET", "/v1/batches/\(stuckID)").batch)
        #expect(stuck.requestCounts?.finished == 0, "the hung items are still in flight")
        await harness.stop()
        await hung.stop()
        await healthy.stop()
    }

    /// llama-server after SIGTERM: the requests it has keep their connections and never get an
    /// answer, and new connections are refused. The hung requests are given up at the first-byte
    /// timeout, the probe finds the server gone, its items are held without spending attempts, and
    /// when a new server comes up on the port every item completes.
    @Test func aStoppingServerThatNeverAnswersItsInFlightRequestsIsWaitedOutNotFailed() async throws {
        let events = UpstreamEventLines()
        let port = try await UpstreamFixture.freePort()
        let stopping = try SilentListener(port: port)
        defer { stopping.closeAll() }
        let harness = try await StandInHarness.start {
            $0.speed = 1
            var options = UpstreamFixture.options([UpstreamFixture.route(port: port)], concurrency: 2, itemTimeout: 40,
                                                  maxAttempts: 2)
            options.modelsTimeoutSeconds = 0.3
            options.firstByteTimeoutSeconds = 1.5
            options.probeTimeoutSeconds = 0.3
            options.log = events.write
            $0.upstream = options
        }
        let id = try #require(try await harness.create(StandInHarness.batchBody(count: 4)).batch?.id)
        // The start's model list (given up after 0.3 s) took one connection; two items take the others.
        for _ in 0..<400 where stopping.acceptedCount < 3 { try await Task.sleep(for: .milliseconds(25)) }
        #expect(stopping.acceptedCount == 3, "two items are in flight at the stopping server")
        stopping.stopListening()
        try await events.waitFor("upstream down:")
        let server = try await UpstreamFixture.startAgain(on: port)
        let done = try await harness.waitFor(id, seconds: 20) { $0.isTerminal }
        #expect(done.requestCounts == RequestCounts(total: 4, completed: 4, failed: 0))
        // Each item reached the new server (on a loaded machine one may have taken longer than the
        // first-byte timeout there, and been sent twice: that is the timeout working).
        let sent = server.requests.filter { $0.method == "POST" }.compactMap(UpstreamFixture.itemNumber)
        #expect(Set(sent) == Set(0..<4))
        #expect(events.count("upstream hung:") >= 2 && events.count("upstream failed:") == 0, "\(events.all)")
        await harness.stop()
        await server.stop()
    }

    /// A request that gets no byte within the first-byte timeout, from an upstream that still
    /// answers, is given up and sent again (an attempt spent, a `hung` line logged).
    @Test func aRequestWithNoFirstByteIsRetried() async throws {
        let events = UpstreamEventLines()
        let hungOnce = Mutex(Set<Int>())
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in
            guard seen.method == "POST", let number = UpstreamFixture.itemNumber(seen) else { return UpstreamFixture.models }
            if hungOnce.withLock({ $0.insert(number).inserted }) { return FixtureServer.Reply(body: "{}", delay: 50) }
            return UpstreamFixture.completion(seen)
        }
        let harness = try await StandInHarness.start {
            $0.speed = 1
            var options = UpstreamFixture.options([UpstreamFixture.route(upstream)], itemTimeout: 40)
            options.firstByteTimeoutSeconds = 0.5
            options.log = events.write
            $0.upstream = options
        }
        let done = try await harness.createAndFinish(StandInHarness.batchBody(count: 3), seconds: 30)
        #expect(done.requestCounts == RequestCounts(total: 3, completed: 3, failed: 0))
        // Each item hung once and was sent again (a loaded machine may make a second try slow too).
        let sent = upstream.requests.filter { $0.method == "POST" }.compactMap(UpstreamFixture.itemNumber)
        #expect((0..<3).allSatisfy { number in sent.filter { $0 == number }.count >= 2 }, "\(sent)")
        #expect(events.count("upstream hung:") >= 3, "\(events.all)")
        #expect(events.count("upstream down:") == 0, "the upstream answered its probes")
        await harness.stop()
        await upstream.stop()
    }

    /// A 500 whose body says the request is invalid is final: llama-cpp-python's wrapped pydantic
    /// error, FastAPI's `detail` list, OpenAI's `invalid_request_error`. A plain 500 is retried.
    @Test func a500ThatSaysTheRequestIsInvalidIsFinal() async throws {
        let events = UpstreamEventLines()
        let bodies = [
            0: #"{"error":{"message":"[{'type': 'float_parsing', 'loc': ('body', 'temperature'), 'msg': 'Input should be a valid number, unable to parse string as a number', 'input': 'hot'}]","type":"internal_server_error","param":null,"code":null}}"#,
            1: #"{"detail":[{"type":"float_parsing","loc":["body","temperature"],"msg":"Input should be a valid number","input":"hot"}]}"#,
            2: #"{"error":{"message":"temperature must be a number","type":"invalid_request_error","param":"temperature","code":null}}"#,
            3: #"{"error":{"message":"out of memory","type":"server_error"}}"#,
        ]
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in
            guard seen.method == "POST", let number = UpstreamFixture.itemNumber(seen), let body = bodies[number] else {
                return UpstreamFixture.respond(seen)
            }
            return FixtureServer.Reply(status: .internalServerError, body: body)
        }
        let harness = try await StandInHarness.start {
            $0.speed = 1
            var options = UpstreamFixture.options([UpstreamFixture.route(upstream)], maxAttempts: 3)
            options.log = events.write
            $0.upstream = options
        }
        let done = try await harness.createAndFinish(StandInHarness.batchBody(count: 5))
        #expect(done.requestCounts == RequestCounts(total: 5, completed: 1, failed: 4))
        let sent = upstream.requests.filter { $0.method == "POST" }.compactMap(UpstreamFixture.itemNumber)
        for number in 0..<3 { #expect(sent.filter { $0 == number }.count == 1, "item \(number) is final at once") }
        #expect(sent.filter { $0 == 3 }.count == 3, "a plain 500 is retried up to the limit")
        for number in 0..<4 { #expect(UpstreamFixture.resultFor(done, number)?.response?.statusCode == 500) }
        #expect(events.count("upstream failed:") == 4, "\(events.all)")
        #expect(events.all.filter { $0.hasPrefix("upstream failed:") }.allSatisfy { $0.contains("HTTP 500") })
        await harness.stop()
        await upstream.stop()
    }

    @Test func aListedModelsProviderIsItsMakerOrTheUpstreamsOwner() {
        #expect(UpstreamModelDiscovery.provider(id: "/models/x.gguf", ownedBy: "llamacpp") == "llamacpp")
        #expect(UpstreamModelDiscovery.provider(id: "/tmp/x.gguf", ownedBy: nil) == "upstream")
        #expect(UpstreamModelDiscovery.provider(id: "models/x.gguf", ownedBy: "llamacpp") == "llamacpp")
        #expect(UpstreamModelDiscovery.provider(id: "./x.gguf", ownedBy: "llamacpp") == "llamacpp")
        #expect(UpstreamModelDiscovery.provider(id: "meta-llama/Llama-3.2-1B", ownedBy: "vllm") == "meta-llama")
        #expect(UpstreamModelDiscovery.provider(id: "llama3.2:1b", ownedBy: "library") == "library")
    }

    /// The event log keeps to its rate: past the cap, lines of a kind are counted, and the next
    /// one that passes says how many were left out.
    @Test func eventLinesAreRateLimitedPerKind() {
        let lines = UpstreamEventLines()
        let log = UpstreamEventLog(write: lines.write, perWindow: 3, windowSeconds: 3600)
        for number in 0..<50 { log.event(.retried, "item \(number)") }
        log.event(.down, "x\u{1B}[2J")
        #expect(lines.count("upstream retried:") == 3)
        #expect(lines.all.last?.hasPrefix("upstream down: x") == true && lines.all.last?.contains("\u{1B}") == false)
    }
}
