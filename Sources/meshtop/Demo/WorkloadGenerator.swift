import Foundation
import Logging
import MeshAPI

/// Keeps the demo's stand-in busy the way a real team would: batches of several models and sizes,
/// one refused with 501 by a provider without batch support, a few cancelled by "someone else",
/// and enough submissions to fill the 10-slot quota and meet a 429 now and then.
struct WorkloadGenerator: Sendable {
    var api: any BatchAPI
    var logger: Logger
    /// Called once the opening burst is answered (`--demo --once` waits for it).
    var openingBurstDone: @Sendable () -> Void = {}
    /// Real seconds between submissions once the opening burst is in.
    var pace: Double = 1.5

    static let models = [
        "openai/gpt-4o-mini", "openai/gpt-5-nano", "anthropic/claude-haiku-4.5",
        "google/gemini-2.5-flash", "mistral/mistral-small-latest", "openai/gpt-4.1",
    ]
    // The demo's stand-in runs in real time (so ages, times and ETAs are true), working about 1.6
    // items a second per batch: 24 items end in ~20 s, 600 take ~6 minutes. The bigger ones outlive
    // the pace, so the quota fills and the 429 path shows.
    static let sizes = [24, 60, 120, 300, 600]
    static let projects = [
        "Q2 Earnings Analysis", "support-ticket triage", "catalog translations", "東京 店舗レビュー",
        "eval: summarization", "nightly embeddings backfill", "legal clause extraction",
    ]

    /// Runs until the task is cancelled.
    func run() async {
        // The provider without batch support answers 501; the dashboard's message line will not show
        // it (the generator is not the dashboard), but the log and the stand-in's 501 path see real use.
        await submit(model: "groq/llama-3.3-70b-versatile", size: 10, index: 0)
        for index in 1...6 {
            await submit(model: Self.models[index % Self.models.count], size: Self.sizes[index % Self.sizes.count], index: index)
        }
        openingBurstDone()
        var index = 7
        var rng = SystemRandomNumberGenerator()
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(Int(pace * 1000)))
            let model = Self.models.randomElement(using: &rng)!
            let size = Self.sizes.randomElement(using: &rng)!
            let accepted = await submit(model: model, size: size, index: index)
            index += 1
            if !accepted {
                // Quota full (429): wait for a slot as a polite client would, instead of hammering.
                try? await Task.sleep(for: .seconds(4))
            }
        }
    }

    /// Creates one batch; every fifth accepted one is cancelled a few seconds later.
    @discardableResult
    private func submit(model: String, size: Int, index: Int) async -> Bool {
        let requests = (0..<size).map { item in
            BatchRequestItem(customID: "req-\(index)-\(String(format: "%04d", item))", body: .object([
                "model": .string(model),
                "messages": .array([.object(["role": .string("user"),
                                             "content": .string("Summarize document \(item) of set \(index).")])]),
                "max_tokens": .number(200),
            ]))
        }
        let project = Self.projects[index % Self.projects.count]
        do {
            let batch = try await api.createBatch(CreateBatchRequest(requests: requests, metadata: [
                "project": project, "requested_by": "demo",
            ]))
            logger.info("demo: created \(batch.id) \(model) x\(size)")
            if index % 5 == 3 {
                let api = api
                let logger = logger
                Task {
                    try? await Task.sleep(for: .seconds(3))
                    do { _ = try await api.cancelBatch(id: batch.id) } catch { logger.info("demo: cancel \(batch.id): \(error)") }
                }
            }
            return true
        } catch {
            let refusal = MeshError.from(error)
            // A full quota is the workload's own expected noise (it submits until the 10 slots are
            // taken): a debug line, out of the user's log unless MESHTOP_LOG=debug asks for it.
            // Any other refusal (the 501 of the provider without batch) is worth an info line.
            let level: Logger.Level = refusal.status == 429 ? .debug : .info
            logger.log(level: level, "demo: create \(model) x\(size) refused: \(refusal)")
            return false
        }
    }
}
