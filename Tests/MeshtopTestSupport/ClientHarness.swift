import Foundation
import MeshAPI
import MeshStandIn
import Testing

/// A stand-in server with one known key, a client for seeding it, and the environment the
/// binary needs to talk to it. (Not `StandInHarness`, the raw-HTTP harness of the stand-in's tests.)
public struct ClientHarness: Sendable {
    public static let key = "rsk_testkeytestkeytestkey0123"

    public let server: StandInServer
    public let client: MeshClient

    public var environment: [String: String] { ["MESH_API_KEY": Self.key, "MESH_API_BASE_URL": server.baseURL] }

    public static func start(speed: Double = 500) async throws -> ClientHarness {
        let server = try await StandInServer.start(StandInOptions(
            keys: [key: "team", "rsk_otherteamotherteamother01": "other"], speed: speed, failureRate: 0,
            validatingSeconds: 1, itemLatencySeconds: 1...2, finalizingSeconds: 1, activeBatchLimit: 1000))
        let client = MeshClient(configuration: MeshClientConfiguration(baseURL: server.baseURL, apiKey: key))
        return ClientHarness(server: server, client: client)
    }

    public func stop() async {
        await client.shutdown()
        await server.stop()
    }

    /// A small valid batch of `count` requests.
    public static func request(count: Int = 3, model: String = "openai/gpt-4o-mini", metadata: [String: String]? = nil) -> CreateBatchRequest {
        ChatBatch.request(ids: (1...count).map { "doc-\($0)" }, model: model, metadata: metadata) { "hello \($0 + 1)" }
    }

    /// Runs the binary against this server and checks the key never shows in what it printed.
    public func meshtop(_ arguments: String..., stdin: String? = nil, extraEnvironment: [String: String] = [:]) async throws -> MeshtopBinary.Output {
        let output = try await MeshtopBinary.run(arguments, environment: environment.merging(extraEnvironment) { $1 }, stdin: stdin)
        #expect(!output.stdout.contains(Self.key) && !output.stderr.contains(Self.key), "the API key leaked into output")
        return output
    }
}
