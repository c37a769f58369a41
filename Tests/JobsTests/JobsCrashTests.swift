import Foundation
import MeshAPI
import Testing

extension JobsSerialSuite {
/// kill -9 of the runner at random moments, and once between a create's answer and its journal
/// write: resume finds every batch by its metadata, none is sent twice, every item ends.
@Suite struct JobsCrashTests {
    @Test func killNineAtAnyMomentNeverSendsAChunkAttemptTwice() async throws {
        let fixture = try await JobsFixture.start(["--memory", "--speed", "100", "--failure-rate", "0.1"])
        let input = try fixture.writeInput("in.jsonl", count: 1_000, models: ["openai/gpt-4o-mini", "openai/gpt-5-nano"])
        // The fault point: SIGKILL right after the 3rd create's answer, before the journal has its id.
        let first = try BackgroundMeshtop(["jobs", "run", input, "--batch-size", "50", "--retries", "3"],
                                          environment: fixture.environment.merging(["MESHTOP_JOBS_FAULT": "after-create:3"]) { $1 })
        let jobID = try await first.jobID()
        _ = await first.wait()
        #expect(first.process.terminationReason == .uncaughtSignal, "\(first.stderr)")
        // Right after the fault the stand-in holds 3 batches; the journal knows only 2 of them.
        #expect(try await fixture.allBatches().count == 3)

        for _ in 0..<10 {
            let runner = try BackgroundMeshtop(["jobs", "resume", jobID], environment: fixture.environment)
            try await Task.sleep(for: .milliseconds(Int64.random(in: 150...1_500)))
            runner.kill9()
            _ = await runner.wait()
        }
        let last = try await fixture.run(["jobs", "resume", jobID])
        #expect(last.code == 0 || last.code == 4, "\(last.stderr)")

        let ours = try await fixture.allBatches().filter { $0.metadata?["meshtop_job"]?.stringValue == jobID }
        var perAttempt: [String: Int] = [:]
        for batch in ours {
            let key = "\(batch.metadata?["meshtop_chunk"]?.stringValue ?? "?")/\(batch.metadata?["meshtop_attempt"]?.stringValue ?? "?")"
            perAttempt[key, default: 0] += 1
        }
        #expect(perAttempt.values.allSatisfy { $0 == 1 }, "sent twice: \(perAttempt.filter { $0.value > 1 })")
        #expect(perAttempt.count >= 20)
        // Every batch the stand-in holds for the job is one the journal knows.
        let show = try await fixture.run(["jobs", "show", jobID])
        for batch in ours { #expect(show.stdout.contains(batch.id), "\(batch.id) missing from the journal") }
        let results = try resultLines(try await fixture.run(["jobs", "results", jobID, "--jsonl"]).stdout)
        #expect(results.count == 1_000)
        #expect(results.allSatisfy { $0["attempt"]?["number"]?.intValue != nil }, "every item ends with a result")
        await fixture.stop()
    }
}
}
