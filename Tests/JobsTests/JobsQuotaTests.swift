import Foundation
import MeshAPI
import MeshtopTestSupport
import Testing

extension JobsSerialSuite {
/// Two runners on one key while a teammate holds 7 of the 10 slots: the owner never passes 10,
/// and both jobs finish through the 3 slots left.
@Suite struct JobsQuotaTests {
    @Test func twoRunnersShareTheThreeFreeSlotsAndNeverPassTen() async throws {
        let fixture = try await JobsFixture.start(["--memory", "--speed", "50", "--failure-rate", "0"])
        let teammate = fixture.client(key: JobsFixture.teammateKey)
        var held: [String] = []
        for index in 0..<7 {
            let request = ChatBatch.request(ids: (0..<4_000).map { "held-\(index)-\($0)" }, content: { "held \($0)" })
            held.append(try await teammate.createBatch(request).id)
        }
        let inputA = try fixture.writeInput("a.jsonl", count: 300)
        let inputB = try fixture.writeInput("b.jsonl", count: 300, models: ["openai/gpt-5-nano"])
        let runnerA = try BackgroundMeshtop(["jobs", "run", inputA, "--batch-size", "50", "--name", "a"], environment: fixture.environment)
        let runnerB = try BackgroundMeshtop(["jobs", "run", inputB, "--batch-size", "50", "--name", "b"], environment: fixture.environment)

        // The stand-in's own view, sampled while both run.
        let sampler = Task { () -> Int in
            let client = fixture.client(key: JobsFixture.teammateKey)
            var most = 0
            while !Task.isCancelled {
                if let page = try? await client.listBatches(after: nil, limit: 100) {
                    most = max(most, page.data.filter { !$0.isTerminal }.count)
                }
                try? await Task.sleep(for: .milliseconds(100))
            }
            await client.shutdown()
            return most
        }
        let codeA = await runnerA.wait()
        let codeB = await runnerB.wait()
        sampler.cancel()
        let most = await sampler.value
        #expect(codeA == 0, "\(runnerA.stderr)")
        #expect(codeB == 0, "\(runnerB.stderr)")
        #expect(most <= 10, "the owner held \(most) live batches")
        #expect(most >= 9, "the jobs used the free slots (saw at most \(most))")
        // The teammate's batches were never touched.
        for id in held { #expect(try await teammate.getBatch(id: id).isTerminal == false) }
        for id in held { _ = try? await teammate.cancelBatch(id: id) }
        await teammate.shutdown()
        await fixture.stop()
    }
}
}
