import Foundation
import Testing

/// `meshtop serve` started where it must refuse to run: what it wrote and its exit status. One that
/// comes up listening anyway is stopped and recorded as a failure, so a missing refusal fails the
/// test instead of leaving a server running.
struct RefusedServe {
    var exitStatus: Int32?
    var said: String

    static func start(_ arguments: [String], keys: String = "\(StandInHarness.keyA)=team-a", log: URL,
                      sourceLocation: SourceLocation = #_sourceLocation) async throws -> RefusedServe
    {
        do {
            let serve = try await ServeProcess.start(arguments, keys: keys, output: log)
            await serve.stop()
            Issue.record("meshtop serve \(arguments.joined(separator: " ")) started", sourceLocation: sourceLocation)
            return RefusedServe(exitStatus: nil, said: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        } catch let error as ServeProcessError {
            return RefusedServe(exitStatus: error.exitStatus, said: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
    }
}
