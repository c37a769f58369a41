import Foundation
import MeshAPI
import MeshStandIn

/// A stand-in in the test process that can be stopped and started again on the same port with
/// the same SQLite file, so the dashboard sees the API vanish and come back with its data.
public final class RestartableStandIn: @unchecked Sendable {
    public static let key = "rsk_e2etestkey0123456789abcdef"
    /// A second team's key: what it sees is its own, never the first team's.
    public static let otherKey = "rsk_e2eotherkey0123456789abcde"
    public let databasePath: String
    public private(set) var server: StandInServer?
    public private(set) var port = 0
    public let speed: Double
    /// The simulator's share of failed items (0.1 by default: a list with failures to show).
    public let failureRate: Double

    public init(speed: Double, failureRate: Double = 0.1) {
        self.speed = speed
        self.failureRate = failureRate
        databasePath = NSTemporaryDirectory() + "meshtop-e2e-\(UUID().uuidString.prefix(8)).sqlite"
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public func start() async throws {
        // The port comes from below Linux's ephemeral range (32768-60999): while the API is down the
        // dashboard keeps connecting to it, and a loopback connect to a closed ephemeral port can be
        // handed that very port as its own local port, which would then block the restart.
        // A restart keeps its port and retries while the kernel lets go of it.
        let restarting = port != 0
        var lastError: (any Error)?
        for _ in 0..<50 {
            let candidate = restarting ? port : Int.random(in: 20_000..<30_000)
            do {
                let server = try await StandInServer.start(StandInOptions(
                    port: candidate, databasePath: databasePath, keys: [Self.key: "e2e", Self.otherKey: "e2e-other"], speed: speed, failureRate: failureRate))
                self.server = server
                port = server.port
                return
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        throw lastError!
    }

    public func stop() async {
        await server?.stop()
        server = nil
    }

    public func client(key: String = RestartableStandIn.key) -> MeshClient {
        MeshClient(configuration: MeshClientConfiguration(baseURL: baseURL, apiKey: key,
                                                          retry: RetryPolicy(maxAttempts: 1)))
    }

    /// One batch of `size` chat requests with `project` as its metadata.
    public static func request(size: Int, model: String, project: String) -> CreateBatchRequest {
        ChatBatch.request(ids: (0..<size).map { "\(project)-\($0)" }, model: model, metadata: ["project": project]) { "hello \($0)" }
    }
}
