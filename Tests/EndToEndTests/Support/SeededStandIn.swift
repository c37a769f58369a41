import Foundation
import MeshAPI
import MeshtopTestSupport

/// A stand-in with the walkthrough's batches: a finished one to drill into and a long-running one
/// to cancel.
struct SeededStandIn: Sendable {
    let standIn: RestartableStandIn
    /// Six items, finished before `start` returns, so Enter shows results.
    let done: Batch
    /// 4,000 items: still running for the whole of a scenario at speed 5.
    let running: Batch

    /// One seeded stand-in for the scenarios that only look: seeding waits for a batch to finish,
    /// so sharing it saves that wait per scenario. Scenarios that cancel or stop the server start
    /// their own.
    static let shared = Task { try await SeededStandIn.start() }

    static func start(speed: Double = 5) async throws -> SeededStandIn {
        let standIn = RestartableStandIn(speed: speed)
        try await standIn.start()
        let client = standIn.client()
        let done = try await client.createBatch(RestartableStandIn.request(size: 6, model: "openai/gpt-4o-mini", project: "e2e-done"))
        let running = try await client.createBatch(RestartableStandIn.request(size: 4000, model: "anthropic/claude-haiku-4.5", project: "e2e-long"))
        // The small one finishes in a few seconds at this speed.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if try await client.getBatch(id: done.id).status?.isTerminal == true { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        await client.shutdown()
        return SeededStandIn(standIn: standIn, done: done, running: running)
    }

    func status(of id: String) async throws -> BatchStatus? {
        let client = standIn.client()
        let batch = try await client.getBatch(id: id)
        await client.shutdown()
        return batch.status
    }
}
