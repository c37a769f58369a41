import Foundation
import MeshAPI
import MeshStandIn
import Testing

/// A stand-in server with one known key, a client for seeding it, and the environment the
/// binary needs to talk to it.
struct StandInHarness {
    static let key = "rsk_testkeytestkeytestkey0123"

    let server: StandInServer
    let client: MeshClient

    var environment: [String: String] { ["MESH_API_KEY": Self.key, "MESH_API_BASE_URL": server.baseURL] }

    static func start(speed: Double = 500) async throws -> StandInHarness {
        let server = try await StandInServer.start(StandInOptions(
            keys: [key: "team", "rsk_otherteamotherteamother01": "other"], speed: speed, failureRate: 0,
            validatingSeconds: 1, itemLatencySeconds: 1...2, finalizingSeconds: 1, activeBatchLimit: 1000))
        let client = MeshClient(configuration: MeshClientConfiguration(baseURL: server.baseURL, apiKey: key))
        return StandInHarness(server: server, client: client)
    }

    func stop() async {
        await client.shutdown()
        await server.stop()
    }

    /// A small valid batch of `count` requests.
    static func request(count: Int = 3, model: String = "openai/gpt-4o-mini", metadata: [String: String]? = nil) -> CreateBatchRequest {
        CreateBatchRequest(requests: (1...count).map { index in
            BatchRequestItem(customID: "doc-\(index)", body: .object([
                "model": .string(model),
                "messages": .array([.object(["role": .string("user"), "content": .string("hello \(index)")])]),
            ]))
        }, metadata: metadata)
    }

    /// Runs the binary against this server and checks the key never shows in what it printed.
    func meshtop(_ arguments: String..., stdin: String? = nil, extraEnvironment: [String: String] = [:]) async throws -> MeshtopBinary.Output {
        let output = try await MeshtopBinary.run(arguments, environment: environment.merging(extraEnvironment) { $1 }, stdin: stdin)
        #expect(!output.stdout.contains(Self.key) && !output.stderr.contains(Self.key), "the API key leaked into output")
        return output
    }
}
