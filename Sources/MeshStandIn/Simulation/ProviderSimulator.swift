import MeshAPI

/// The simulated provider: each item takes a random latency of simulated time (cut short at the
/// batch's expiry) and gets a made-up completion or, at `failureRate`, a provider error.
struct ProviderSimulator: ItemWorker {
    let clock: any StandInClock
    let options: StandInOptions

    var validatingSeconds: Double { options.validatingSeconds }
    var finalizingSeconds: Double { options.finalizingSeconds }

    func work(_ item: PendingItem, of batch: Batch, expiresAt: Double, stillWanted: @escaping @Sendable () async -> Bool)
        async throws -> WorkedItem?
    {
        let latency = Double.random(in: options.itemLatencySeconds)
        try await clock.sleep(seconds: min(latency, max(0, expiresAt - clock.now())))
        let completion = SimulatedCompletion(
            model: batch.model ?? "unknown", failureRate: options.failureRate)
        let outcome = completion.result(
            customID: item.customID, bodyJSON: item.bodyJSON, now: Int(clock.now()))
        return WorkedItem(result: outcome.result, succeeded: outcome.succeeded)
    }
}
