import Foundation
import Testing

/// The stand-in's files hold every prompt and answer, and the keys file every team's credentials:
/// `meshtop serve` creates its database folder 0700 and the database (with its -wal, -shm and lock
/// files) 0600, and warns when `--keys` names a file other users can read.
@Suite(.timeLimit(.minutes(1))) struct PrivateFilesTests {
    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) & 0o777
    }

    @Test func theDatabaseAndItsFolderAreTheUsersAlone() async throws {
        _ = try MeshtopBinary.requireBuilt()
        let folder = try SecondServeProcessTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let databaseFolder = folder.appendingPathComponent("data/meshtop").path
        let path = databaseFolder + "/standin.sqlite"
        let serve = try await ServeProcess.start(["--db", path], keys: SecondServeProcessTests.keys)
        _ = try #require(try await StandInHarness(baseURL: serve.baseURL).create(StandInHarness.batchBody(count: 2)).batch)
        // While it runs, all of SQLite's files are there.
        let modes = try [path, path + "-wal", path + "-shm", path + ".lock"].map { "\(try Self.mode($0))" }
        #expect(modes == Array(repeating: "\(0o600)", count: 4), "modes: \(modes.map { String(Int($0)!, radix: 8) })")
        #expect(try Self.mode(databaseFolder) == 0o700)
        #expect(try Self.mode(folder.appendingPathComponent("data").path) == 0o700)
        await serve.stop()
    }

    @Test func aKeysFileOthersCanReadIsWarnedAbout() async throws {
        _ = try MeshtopBinary.requireBuilt()
        let folder = try SecondServeProcessTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keys = folder.appendingPathComponent("serve-keys").path
        try Data("\(StandInHarness.keyB)=team-b\n".utf8).write(to: URL(fileURLWithPath: keys))
        for (mode, warned) in [(0o644, true), (0o600, false)] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: keys)
            let log = folder.appendingPathComponent("serve-\(mode).log")
            let serve = try await ServeProcess.start(["--memory", "--keys", keys], keys: SecondServeProcessTests.keys, output: log)
            // The file's key works either way: a warning, not a refusal.
            let reply = try await StandInHarness(baseURL: serve.baseURL).call("GET", "/v1/batches", key: StandInHarness.keyB)
            await serve.stop()
            #expect(reply.status == 200)
            let said = try String(contentsOf: log, encoding: .utf8)
            #expect(said.contains("warning: --keys \(keys) can be read or changed by other users") == warned,
                    "mode \(String(mode, radix: 8)): \(said)")
            #expect(!said.contains(StandInHarness.keyB))
        }
    }
}
