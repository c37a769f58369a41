import ArgumentParser
import Foundation
import MeshAPI
import MeshConfig

/// Runs one command's work with a client and turns failures into the documented exit codes:
/// 1 API error, 2 usage or configuration error, 3 network error. The message goes to stderr and
/// names the error code and request id; it never contains the key (no error text is built from it).
enum ClientSession {
    static func run(_ options: ClientOptions, _ body: (MeshClient) async throws -> Void) async throws {
        let client: MeshClient
        let connection: ResolvedConnection
        do {
            (client, connection) = try options.makeClient()
        } catch let error as ConfigError {
            throw CommandFailure.usage(error.message).report()
        }
        do {
            try await body(client)
            await client.shutdown()
        } catch {
            await client.shutdown()
            let mapped = CommandFailure.from(error, baseURL: client.configuration.baseURL, keySource: connection.keySource)
            if let failure = mapped as? CommandFailure { throw failure.report() }
            throw mapped
        }
    }

    /// For checks made before any client exists (bad flags, bad input files).
    static func fail(_ failure: CommandFailure) -> ExitCode { failure.report() }
}
