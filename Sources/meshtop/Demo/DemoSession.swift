import Foundation
import Logging
import MeshAPI
import MeshStandIn

/// `--demo`: a stand-in in this process (loopback, free port, in memory, a minted key, a clock
/// running 30x) and a workload generator feeding it, so the dashboard has something live to show
/// with no account and no setup.
final class DemoSession: Sendable {
    let server: StandInServer
    let client: MeshClient
    let workloadClient: MeshClient
    let generator: Task<Void, Never>
    /// Finishes once the workload's opening burst (the first seven submissions) is answered.
    private let openingBurst: AsyncStream<Void>
    var api: any BatchAPI { client }
    var baseURL: String { server.baseURL }

    private init(server: StandInServer, client: MeshClient, workloadClient: MeshClient, generator: Task<Void, Never>,
                 openingBurst: AsyncStream<Void>) {
        self.server = server
        self.client = client
        self.workloadClient = workloadClient
        self.generator = generator
        self.openingBurst = openingBurst
    }

    /// Returns once the workload has submitted its first batches, so `--demo --once` draws them
    /// instead of the empty frame of a stand-in that has not been given anything yet.
    func waitForFirstBatches() async {
        for await _ in openingBurst {}
    }

    static func start(logger: Logger) async throws -> DemoSession {
        let key = mintKey()
        let server = try await StandInServer.start(StandInOptions(
            keys: [key: "demo"], speed: 1, failureRate: 0.04))
        // The key lives only in this process: it is never printed or logged.
        let client = MeshClient(configuration: MeshClientConfiguration(baseURL: server.baseURL, apiKey: key))
        // A separate client for the generator, so its 429 retries never queue behind the dashboard's polls.
        let workloadClient = MeshClient(configuration: MeshClientConfiguration(
            baseURL: server.baseURL, apiKey: key, retry: RetryPolicy(maxAttempts: 1)))
        let (openingBurst, burstDone) = AsyncStream<Void>.makeStream()
        let generator = Task.detached {
            await WorkloadGenerator(api: workloadClient, logger: logger, openingBurstDone: { burstDone.finish() }).run()
        }
        logger.info("demo stand-in on \(server.baseURL)")
        return DemoSession(server: server, client: client, workloadClient: workloadClient, generator: generator,
                           openingBurst: openingBurst)
    }

    /// Stops the workload, closes both clients (AsyncHTTPClient must be shut down before it is
    /// dropped) and stops the server. Only `--once` needs it: the live dashboard leaves with `exit`.
    func stop() async {
        generator.cancel()
        await client.shutdown()
        await workloadClient.shutdown()
        await server.stop()
    }

    /// `rsk_` plus 26 lowercase letters and digits, like a real key.
    private static func mintKey() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var rng = SystemRandomNumberGenerator()
        return "rsk_" + String((0..<26).map { _ in alphabet.randomElement(using: &rng)! })
    }
}
