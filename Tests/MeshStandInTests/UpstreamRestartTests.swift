import Foundation
import MeshAPI
import Testing

/// The real `meshtop serve --upstream` killed with SIGKILL mid-run and started again on the same
/// database: every accepted item ends with a result, none is lost, and the counts equal the results.
/// Items in flight at the kill are sent again (at-least-once), so the upstream may see a few twice.
/// Also: the binary's log of an upstream that is down and comes back.
@Suite(.timeLimit(.minutes(1))) struct UpstreamRestartTests {
    @Test func killNineMidRunAndRestartLosesNothing() async throws {
        guard FileManager.default.isExecutableFile(atPath: ServeProcess.binaryPath) else {
            Issue.record("build meshtop first (swift build): \(ServeProcess.binaryPath)")
            return
        }
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in UpstreamFixture.respond(seen, completionDelay: 0.02) }
        try await withTeardown({ await upstream.stop() }) {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meshtop-upstream-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let arguments = ["--db", folder.appendingPathComponent("standin.db").path,
                             "--upstream", upstream.baseURL + "/v1", "--concurrency", "4", "--item-timeout", "120",
                             "--upstream-key-env", "MESHTOP_TEST_UPSTREAM_KEY"]
            let keys = "\(StandInHarness.keyA)=team-a"
            let secret = "sk-upstream-\(UUID().uuidString)"
            let log = folder.appendingPathComponent("serve.log")

            let first = try await ServeProcess.start(arguments, keys: keys, environment: ["MESHTOP_TEST_UPSTREAM_KEY": secret],
                                                     output: log)
            let before = StandInHarness(baseURL: first.baseURL)
            let id = try #require(try await before.create(StandInHarness.batchBody(count: 120)).batch?.id)
            _ = try await before.waitFor(id, seconds: 40) { ($0.requestCounts?.finished ?? 0) >= 20 }
            first.kill()
            await first.waitForExit()
            let sentBeforeKill = upstream.count("POST", UpstreamFixture.chatPath)
            // The kill came mid-run: some items had gone upstream, not all (else the restart proves nothing).
            #expect(sentBeforeKill > 0 && sentBeforeKill < 120, "\(sentBeforeKill) of 120 items were sent before the kill")

            let second = try await ServeProcess.start(arguments, keys: keys, environment: ["MESHTOP_TEST_UPSTREAM_KEY": secret],
                                                      output: log)
            try await withTeardown({ await second.stop() }) {
                let after = StandInHarness(baseURL: second.baseURL)
                let done = try await after.waitFor(id, seconds: 40) { $0.isTerminal }
                #expect(done.status == .completed)
                #expect(done.requestCounts == RequestCounts(total: 120, completed: 120, failed: 0))
                let results = try #require(done.results)
                #expect(Set(results.map(\.customID)) == Set((0..<120).map { "doc-\($0)" }))
                let failed = results.filter { $0.response?.statusCode != 200 }
                #expect(failed.isEmpty, "\(failed.prefix(3))")
                for number in 0..<120 {
                    #expect(UpstreamFixture.resultFor(done, number)?.response?.body?["id"]?.stringValue == "chatcmpl-fixture-\(number)")
                }
                // At-least-once: every item was sent; only those in flight at the kill (4 at most) twice.
                let sent = upstream.requests.filter { $0.method == "POST" }.compactMap(UpstreamFixture.itemNumber)
                #expect(Set(sent) == Set(0..<120))
                #expect(sent.count - 120 <= 4, "sent \(sent.count) for 120 items (\(sentBeforeKill) before the kill)")
                // The key from the environment went to the upstream, and never into the log.
                #expect(upstream.requests.allSatisfy { $0.headers["authorization"] == "Bearer \(secret)" })
                await second.stop()
                let logged = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                #expect(logged.contains("POST /v1/batches 200") && !logged.contains(secret))
            }
        }
    }

    /// The real binary logs its upstream's outage to stderr with the request log, one line when it
    /// goes down and one when it is back, and the held items then complete; no line holds the key.
    @Test func theBinaryLogsAnUpstreamDownAndBack() async throws {
        guard FileManager.default.isExecutableFile(atPath: ServeProcess.binaryPath) else {
            Issue.record("build meshtop first (swift build): \(ServeProcess.binaryPath)")
            return
        }
        let port = try await UpstreamFixture.freePort()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meshtop-upstream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let log = folder.appendingPathComponent("serve.log")
        let secret = "sk-upstream-\(UUID().uuidString)"
        let serve = try await ServeProcess.start(
            ["--memory", "--upstream", "http://127.0.0.1:\(port)/v1", "--upstream-key-env", "MESHTOP_TEST_UPSTREAM_KEY"],
            keys: "\(StandInHarness.keyA)=team-a", environment: ["MESHTOP_TEST_UPSTREAM_KEY": secret], output: log)
        let client = StandInHarness(baseURL: serve.baseURL)
        let id = try #require(try await client.create(StandInHarness.batchBody(count: 2)).batch?.id)
        func logged() -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
        for _ in 0..<400 where !logged().contains("upstream down:") { try await Task.sleep(for: .milliseconds(25)) }
        #expect(logged().contains("upstream down: http://127.0.0.1:\(port)/v1 does not answer"), "\(logged())")
        let server = try await UpstreamFixture.startAgain(on: port)
        let done = try await client.waitFor(id, seconds: 40) { $0.isTerminal }
        #expect(done.requestCounts == RequestCounts(total: 2, completed: 2, failed: 0))
        await serve.stop()
        await server.stop()
        let text = logged()
        #expect(text.components(separatedBy: "upstream down:").count == 2 && text.contains("upstream back:"), "\(text)")
        #expect(!text.contains(secret))
    }
}
