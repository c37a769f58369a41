import Foundation
import MeshAPI
import Synchronization
import Testing

/// An error nobody planned for (here: the items table dropped behind the server's back with the
/// `sqlite3` shell) answers a bare 500, and the server's log says why, naming the request id the
/// caller got, with neither the request's body nor its key.
@Suite(.timeLimit(.minutes(1))) struct UnexpectedErrorLogTests {
    @Test func a500IsLoggedWithItsCauseButNoBodyOrKey() async throws {
        let folder = try SecondServeProcessTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = Mutex<[String]>([])
        let harness = try await StandInHarness.start {
            $0.databasePath = folder.appendingPathComponent("standin.db").path
            $0.requestLog = { line in lines.withLock { $0.append(line) } }
        }
        try await SQLiteShell.run(folder.appendingPathComponent("standin.db").path, "DROP TABLE items;")
        let secret = "a prompt nobody else may read"
        let body = JSONValue.object(["requests": .array([.object([
            "custom_id": .string("doc-0"),
            "body": .object(["model": .string("openai/gpt-4o-mini"),
                             "messages": .array([.object(["role": .string("user"), "content": .string(secret)])])]),
        ])])])
        let reply = try await harness.create(body)
        await harness.stop()
        #expect(reply.status == 500)
        #expect(reply.json["error"]?["code"]?.stringValue == "internal_error")
        let requestID = try #require(reply.header("x-request-id"))
        let logged = lines.withLock { $0 }
        let cause = logged.first { $0.hasPrefix("error: POST /v1/batches \(requestID): unexpected:") }
        #expect(cause?.contains("no such table: items") == true, "\(logged)")
        #expect(!logged.contains { $0.contains(secret) || $0.contains(StandInHarness.keyA) })
    }
}
