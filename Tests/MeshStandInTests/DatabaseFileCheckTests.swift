import Foundation
import Testing

/// The real `meshtop serve` pointed at a file it must not use: another application's SQLite
/// database, a file that is not SQLite at all, and a meshtop database from a newer meshtop. Each is
/// refused with a message and left byte for byte as it was (no switch to WAL, no migrations table).
@Suite(.timeLimit(.minutes(1))) struct DatabaseFileCheckTests {
    @Test func anotherApplicationsDatabaseIsRefusedAndLeftAsItWas() async throws {
        _ = try MeshtopBinary.requireBuilt()
        let folder = try SecondServeProcessTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.db").path
        try await SQLiteShell.run(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep me');")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let refused = try await RefusedServe.start(["--db", path], log: folder.appendingPathComponent("serve.log"))
        #expect(refused.exitStatus.map { $0 != 0 } == true)
        #expect(refused.said.contains("\(path) is an SQLite database but not a meshtop one (its tables: notes)"), "\(refused.said)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(try await SQLiteShell.run(path, "PRAGMA journal_mode; SELECT name FROM sqlite_master;") == "delete\nnotes\n")
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftAsItWas() async throws {
        _ = try MeshtopBinary.requireBuilt()
        let folder = try SecondServeProcessTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.txt").path
        let text = Data("my notes, not a database\n".utf8)
        try text.write(to: URL(fileURLWithPath: path))

        let refused = try await RefusedServe.start(["--db", path], log: folder.appendingPathComponent("serve.log"))
        #expect(refused.exitStatus.map { $0 != 0 } == true)
        #expect(refused.said.contains("\(path) is not an SQLite database"), "\(refused.said)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
    }

    @Test func aDatabaseFromANewerMeshtopIsRefusedBeforeAnyWrite() async throws {
        _ = try MeshtopBinary.requireBuilt()
        let folder = try SecondServeProcessTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("standin.db").path
        let serve = try await ServeProcess.start(["--db", path], keys: SecondServeProcessTests.keys)
        _ = try #require(try await StandInHarness(baseURL: serve.baseURL).create(StandInHarness.batchBody(count: 3)).batch)
        await serve.stop()
        // What a later meshtop's migration would leave: a step this one has never heard of.
        try await SQLiteShell.run(path, "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from a later meshtop');")
        let files = { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let filesBefore = try files()

        let refused = try await RefusedServe.start(["--db", path], log: folder.appendingPathComponent("serve.log"))
        #expect(refused.exitStatus.map { $0 != 0 } == true)
        #expect(refused.said.contains("the database \(path) was written by a newer meshtop"), "\(refused.said)")
        #expect(refused.said.contains("v9: from a later meshtop"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // Reading a WAL database makes SQLite's -wal and -shm beside it (sqlite3 does the same); an
        // empty -wal is the proof that nothing was written.
        let added = Set(try files()).subtracting(filesBefore)
        #expect(added.isSubset(of: ["serve.log", "standin.db-wal", "standin.db-shm"]), "\(added)")
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int
        #expect((wal ?? 0) == 0, "the refused start wrote \(wal ?? 0) bytes of WAL")
    }
}
