import Foundation
import MeshAPI
import Testing
import MeshtopTestSupport

/// The simulated provider on a fast clock: full run, cancel mid-run, expiry, restart safety.
@Suite struct LifecycleTests {
    private func expectCountsMatchResults(_ batch: Batch, sourceLocation: SourceLocation = #_sourceLocation) {
        let results = batch.results ?? []
        let succeeded = results.filter { ($0.response?.statusCode ?? 0) == 200 }.count
        let failed = results.filter { ($0.response?.statusCode ?? 0) >= 400 }.count
        #expect(batch.requestCounts?.completed == succeeded, sourceLocation: sourceLocation)
        #expect(batch.requestCounts?.failed == failed, sourceLocation: sourceLocation)
    }

    @Test func runsToCompletionWithResultsAndStamps() async throws {
        let harness = try await StandInHarness.start { $0.failureRate = 0.3 }
        try await withTeardown({ await harness.stop() }) {
            let created = try await harness.create(StandInHarness.batchBody(count: 24))
            let id = try #require(created.batch?.id)
            #expect(created.batch?.requestCounts?.total == 24 && created.batch?.results == nil)
            let done = try await harness.waitFor(id) { $0.isTerminal }
            #expect(done.status == .completed)
            #expect(done.inProgressAt != nil && done.finalizingAt != nil && done.completedAt != nil)
            #expect(done.cancelledAt == nil && done.expiredAt == nil)
            let results = try #require(done.results)
            #expect(Set(results.map(\.customID)) == Set((0..<24).map { "doc-\($0)" }))
            expectCountsMatchResults(done)
            #expect(done.requestCounts.map { $0.completed + $0.failed } == 24)
            for result in results {
                if result.response?.statusCode == 200 {
                    #expect(result.response?.body?["object"]?.stringValue == "chat.completion")
                    #expect((result.usage?.promptTokens ?? 0) > 0)
                } else {
                    #expect((result.response?.statusCode ?? 0) >= 400)
                    #expect(result.response?.body?["error"]?["code"]?.stringValue != nil)
                }
            }
            let listed = try await harness.call("GET", "/v1/batches")
            let page = try #require(listed.page)
            #expect(page.data.first?.status == .completed && page.data.first?.results == nil)

            // The GET's results are spliced in as stored text: the answer is still one valid JSON
            // object, results in item order, and every other field is what the list page says.
            let got = try await harness.call("GET", "/v1/batches/\(id)")
            guard case .object(var fields) = got.json, case .array(let resultValues)? = fields.removeValue(forKey: "results"),
                  case .object(var listedFields)? = listed.json["data"]?[0] else {
                Issue.record("not a batch object with results: \(String(decoding: got.body, as: UTF8.self).prefix(200))")
                return
            }
            #expect(resultValues.compactMap { $0["custom_id"]?.stringValue } == (0..<24).map { "doc-\($0)" })
            #expect(listedFields.removeValue(forKey: "results") == .null)
            #expect(fields == listedFields)
        }
    }

    /// A request whose body has no `messages` list could never run: the batch fails at validation
    /// and names the lines (found by SQLite's JSON functions, not by reading every body back).
    @Test func requestsWithoutMessagesFailTheBatchAtValidation() async throws {
        let harness = try await StandInHarness.start()
        try await withTeardown({ await harness.stop() }) {
            guard case .object(var body) = StandInHarness.batchBody(count: 5), case .array(var requests)? = body["requests"],
                  case .object(var third) = requests[2], case .object(var fourth) = requests[4] else {
                Issue.record("unexpected batch body shape")
                return
            }
            third["body"] = .object(["model": .string("openai/gpt-4o-mini"), "prompt": .string("no messages")])
            fourth["body"] = .object(["model": .string("openai/gpt-4o-mini"), "messages": .string("not a list")])
            requests[2] = .object(third)
            requests[4] = .object(fourth)
            body["requests"] = .array(requests)
            let created = try await harness.create(.object(body))
            let id = try #require(created.batch?.id, "accepted at create: \(String(decoding: created.body, as: UTF8.self).prefix(300))")
            let done = try await harness.waitFor(id) { $0.isTerminal }
            #expect(done.status == .failed)
            #expect(done.errorsDetail?.map(\.line) == [3, 5], "\(String(describing: done.errorsDetail))")
            #expect(done.errorsDetail?.allSatisfy { $0.code == "invalid_request" && $0.param == "body.messages" } == true)
        }
    }

    @Test func cancelMidRunKeepsPartialResults() async throws {
        let harness = try await StandInHarness.start { $0.speed = 100 }
        try await withTeardown({ await harness.stop() }) {
            let id = try #require(try await harness.create(StandInHarness.batchBody(count: 60)).batch?.id)
            _ = try await harness.waitFor(id) { ($0.requestCounts?.finished ?? 0) >= 4 }
            let cancelling = try await harness.call("POST", "/v1/batches/\(id)/cancel", body: Data("{}".utf8))
            #expect(cancelling.batch?.status == .cancelling)
            let done = try await harness.waitFor(id) { $0.isTerminal }
            #expect(done.status == .cancelled && done.cancellingAt != nil && done.cancelledAt != nil)
            let results = try #require(done.results)
            #expect(results.count == 60)
            let ran = results.filter { $0.response != nil }.count
            let cancelled = results.filter { $0.response == nil && $0.error?.code == "batch_cancelled" }.count
            #expect(ran >= 4 && cancelled > 0 && ran + cancelled == 60)
            expectCountsMatchResults(done)
        }
    }

    @Test func expiresWhenTheWindowPasses() async throws {
        let harness = try await StandInHarness.start { $0.speed = 200 }
        try await withTeardown({ await harness.stop() }) {
            let created = try await harness.create(StandInHarness.batchBody(count: 100, window: "10s"))
            let id = try #require(created.batch?.id)
            #expect(created.batch?.expiresAt == created.batch.flatMap { $0.createdAt.map { $0 + 10 } })
            let done = try await harness.waitFor(id) { $0.isTerminal }
            #expect(done.status == .expired && done.expiredAt != nil)
            let results = try #require(done.results)
            #expect(results.count == 100)
            #expect(results.contains { $0.response == nil && $0.error?.code == "batch_expired" })
            expectCountsMatchResults(done)
        }
    }

    /// A window (1 s) far shorter than validation (30 s): the batch expires from `validating` at its
    /// window, with no `in_progress` stamp after its own expiry and every item `batch_expired`.
    @Test func expiresWhileStillValidating() async throws {
        let harness = try await StandInHarness.start {
            $0.speed = 20
            $0.validatingSeconds = 30
        }
        try await withTeardown({ await harness.stop() }) {
            let created = try await harness.create(StandInHarness.batchBody(count: 5, window: "1s"))
            let id = try #require(created.batch?.id)
            let done = try await harness.waitFor(id) { $0.isTerminal }
            #expect(done.status == .expired && done.inProgressAt == nil)
            let createdAt = try #require(done.createdAt)
            #expect(done.expiredAt.map { $0 < createdAt + 30 } == true, "expired at its window, not when validation ended")
            let results = try #require(done.results)
            #expect(results.map(\.customID) == (0..<5).map { "doc-\($0)" })
            #expect(results.allSatisfy { $0.response == nil && $0.error?.code == "batch_expired" })
            #expect(done.requestCounts?.completed == 0 && done.requestCounts?.failed == 0)
        }
    }

    @Test func survivesARestartOnTheSameFile() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("standin-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }

        let first = try await StandInHarness.start {
            $0.databasePath = path
            $0.speed = 50
        }
        let id = try #require(try await first.create(StandInHarness.batchBody(count: 40)).batch?.id)
        let finished = try #require(try await first.create(StandInHarness.batchBody(count: 1)).batch?.id)
        let before = try await first.waitFor(id) { ($0.requestCounts?.finished ?? 0) >= 5 }
        await first.stop()

        let second = try await StandInHarness.start {
            $0.databasePath = path
            $0.speed = 1000
        }
        try await withTeardown({ await second.stop() }) {
            let reopened = try #require(try await second.call("GET", "/v1/batches/\(id)").batch)
            #expect((reopened.requestCounts?.finished ?? 0) >= (before.requestCounts?.finished ?? 0))
            let done = try await second.waitFor(id) { $0.isTerminal }
            #expect(done.status == .completed && done.results?.count == 40)
            expectCountsMatchResults(done)
            let page = try #require(try await second.call("GET", "/v1/batches").page)
            #expect(Set(page.data.map(\.id)) == [id, finished])
        }
    }
}
