import Foundation
import MeshAPI
import Testing

extension JobsSerialSuite {
/// `meshtop batches retry BATCH --from FILE` with each selector, and `batches create` of a CR LF file.
@Suite struct BatchesRetryTests {
    @Test func eachSelectorSendsExactlyTheItemsItNames() async throws {
        let fixture = try await JobsFixture.start(["--memory", "--speed", "500", "--failure-rate", "0.3"])
        let input = try fixture.writeInput("in.jsonl", count: 300, lineEnd: "\r\n")
        let created = try await fixture.run(["batches", "create", input])
        #expect(created.code == 0, "CR LF input is accepted by batches create: \(created.stderr)")
        let batchID = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let waited = try await fixture.run(["batches", "wait", batchID, "--interval", "0.2", "--timeout", "120"])
        #expect(waited.code == 0, "\(waited.stderr)")
        let results = try resultLines(try await fixture.run(["batches", "results", batchID, "--jsonl"]).stdout)
        #expect(results.count == 300)
        let statuses = results.compactMap { $0["response"]?["status_code"]?.intValue }
        let retryable = statuses.filter { $0 == 429 || $0 >= 500 }.count
        let fiveHundreds = statuses.filter { $0 == 500 }.count
        #expect(retryable > 0 && fiveHundreds > 0)

        let client = fixture.client()
        func retried(_ arguments: [String]) async throws -> Batch {
            let output = try await fixture.run(["batches", "retry", batchID, "--from", input] + arguments)
            #expect(output.code == 0, "\(output.stderr)")
            return try await client.getBatch(id: output.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let byDefault = try await retried([])
        #expect(byDefault.requestCounts?.total == retryable)
        #expect(byDefault.metadata?["retry_of"]?.stringValue == batchID)
        #expect(try await retried(["--retryable"]).requestCounts?.total == retryable)
        #expect(try await retried(["--code", "500"]).requestCounts?.total == fiveHundreds)
        let invalid = statuses.filter { $0 == 400 }.count
        #expect(try await retried(["--code", "invalid_request", "--metadata", "why=check"]).requestCounts?.total == invalid)

        // Never ran: a batch cancelled at once.
        let big = try fixture.writeInput("big.jsonl", count: 2_000)
        let bigID = try await fixture.run(["batches", "create", big]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try await fixture.run(["batches", "cancel", bigID, "--yes"])
        _ = try await fixture.run(["batches", "wait", bigID, "--interval", "0.2", "--timeout", "120"])
        let bigResults = try resultLines(try await fixture.run(["batches", "results", bigID, "--jsonl"]).stdout)
        let notRun = bigResults.filter { $0["response"]?.isNull ?? true }.count
        #expect(notRun > 0)
        let notRunOutput = try await fixture.run(["batches", "retry", bigID, "--from", big, "--not-run"])
        let notRunBatch = try await client.getBatch(id: notRunOutput.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(notRunBatch.requestCounts?.total == notRun)

        let both = try await fixture.run(["batches", "retry", batchID, "--from", input, "--not-run", "--code", "500"])
        #expect(both.code == 2 && both.stderr.contains("give one of"))
        let nothing = try await fixture.run(["batches", "retry", batchID, "--from", input, "--code", "418"])
        #expect(nothing.code == 0 && nothing.stdout.isEmpty && nothing.stderr.contains("nothing to retry"))
        await client.shutdown()
        await fixture.stop()
    }
}
}
