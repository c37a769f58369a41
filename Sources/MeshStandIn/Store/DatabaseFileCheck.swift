import Foundation
import GRDB
import MeshAPI

/// What is at a database path before the stand-in writes anything there, read without changing a
/// byte: opening a file with `DatabasePool` switches it to WAL, and migrating it adds
/// `grdb_migrations`, so another application's SQLite file used to be changed before it was
/// refused; and a database from a newer meshtop was opened and written, its creates then failing
/// with 500.
enum DatabaseFileCheck {
    /// SQLite's file header: the first 16 bytes of every database file.
    private static let sqliteHeader = Data("SQLite format 3\u{0}".utf8)
    /// Tables every meshtop database has had since its first migration.
    private static let meshtopTables: Set<String> = ["grdb_migrations", "batches", "items"]

    /// Returns when the path is free (no file, an empty file or an empty database) or holds a
    /// meshtop database this build knows every migration of; throws, saying why, otherwise.
    static func verify(path: String, knownMigrations: [String]) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw StandInStartupError("cannot read the database \(path): check its permissions")
            }
            return  // a new database
        }
        let header = try handle.read(upToCount: sqliteHeader.count) ?? Data()
        try? handle.close()
        if header.isEmpty { return }  // an empty file is an empty database to SQLite
        guard header == sqliteHeader else {
            throw StandInStartupError(
                "\(path) is not an SQLite database; meshtop serve leaves it as it is (give another --db)")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        let tables: Set<String>
        let applied: [String]
        do {
            (tables, applied) = try queue.read { db in
                let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
                let applied = tables.contains("grdb_migrations")
                    ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
                return (tables, applied)
            }
        } catch {
            throw StandInStartupError("cannot read the database \(path): \(error)")
        }
        if tables.isEmpty { return }
        guard meshtopTables.isSubset(of: tables), applied.contains(knownMigrations.first ?? "") else {
            // Names from someone else's file reach a terminal: escaped.
            let names = tables.sorted().prefix(5).map(TerminalText.escaped).joined(separator: ", ")
            throw StandInStartupError(
                "\(path) is an SQLite database but not a meshtop one (its tables: \(names)); "
                    + "meshtop serve leaves it as it is (give another --db)")
        }
        let unknown = applied.filter { !knownMigrations.contains($0) }
        guard unknown.isEmpty else {
            throw StandInStartupError(
                "the database \(path) was written by a newer meshtop (its schema has \(unknown.count) change(s) "
                    + "this one does not know, the first \"\(TerminalText.escaped(unknown[0]))\"); run that meshtop, or give this one another --db")
        }
    }
}
