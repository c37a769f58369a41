import Foundation
import MeshAPI
import Testing

/// Two real `meshtop serve` processes on one database: the second is refused with a message that
/// names the first's pid, the first keeps serving, and with `--upstream` no item goes out twice.
/// A first one killed with SIGKILL leaves no lock behind.
@Suite(.timeLimit(.minutes(1))) struct SecondServeProcessTests {
    static let keys = "\(StandInHarness.keyA)=team-a"

    @Test func aSecondServeOnTheSameDatabaseIsRefusedAndNothingIsSentTwice() async throws {
        _ = try MeshtopBinary.requireBuilt()
        // Held answers keep the batch running while the second process tries to start: without the
        // lock it would resume the same batch and send its pending items again.
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in UpstreamFixture.respond(seen, completionDelay: 0.15) }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("standin.db").path
        let arguments = ["--db", database, "--upstream", upstream.baseURL + "/v1", "--concurrency", "2"]

        let first = try await ServeProcess.start(arguments, keys: Self.keys, output: folder.appendingPathComponent("first.log"))
        let harness = StandInHarness(baseURL: first.baseURL)
        let id = try #require(try await harness.create(StandInHarness.batchBody(count: 16)).batch?.id)
        _ = try await harness.waitFor(id) { ($0.requestCounts?.finished ?? 0) >= 2 }

        let secondLog = folder.appendingPathComponent("second.log")
        do {
            let second = try await ServeProcess.start(arguments, keys: Self.keys, output: secondLog)
            await second.stop()
            Issue.record("a second meshtop serve started on \(database)")
        } catch let error as ServeProcessError {
            let status = try #require(error.exitStatus, "the second serve did not exit by itself")
            #expect(status != 0)
        }
        let said = (try? String(contentsOf: secondLog, encoding: .utf8)) ?? ""
        #expect(said.contains("\(database) is in use by another meshtop serve (pid \(first.pid))"), "\(said)")

        // The first one never noticed: it finishes the batch, each item sent exactly once.
        let done = try await harness.waitFor(id, seconds: 30) { $0.isTerminal }
        #expect(done.requestCounts == RequestCounts(total: 16, completed: 16, failed: 0))
        let sent = upstream.requests.filter { $0.method == "POST" }.compactMap(UpstreamFixture.itemNumber)
        #expect(sent.sorted() == Array(0..<16), "items sent: \(sent.sorted())")
        await first.stop()
        await upstream.stop()
    }

    @Test func aKilledServeLeavesNoLockBehind() async throws {
        _ = try MeshtopBinary.requireBuilt()
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["--db", folder.appendingPathComponent("standin.db").path, "--speed", "100"]
        let first = try await ServeProcess.start(arguments, keys: Self.keys)
        let id = try #require(try await StandInHarness(baseURL: first.baseURL).create(StandInHarness.batchBody(count: 5)).batch?.id)
        first.kill()
        await first.waitForExit()

        // At once, no retry: the kernel dropped the lock with the process.
        let second = try await ServeProcess.start(arguments, keys: Self.keys, output: folder.appendingPathComponent("second.log"))
        let batch = try await StandInHarness(baseURL: second.baseURL).waitFor(id) { $0.isTerminal }
        #expect(batch.status == .completed)
        await second.stop()
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meshtop-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
