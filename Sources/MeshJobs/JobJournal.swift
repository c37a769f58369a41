import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB
import MeshAPI

/// The journal of every job: `$XDG_STATE_HOME/meshtop/jobs.sqlite` (folder 0700, file 0600, WAL).
/// It holds each job's settings, the input's SHA-256, every request line (so `resume` never needs
/// the input file), each chunk and attempt, and each item's latest result. One process writes a
/// job at a time (`JobLease`); readers (`JobJournalReader`, the dashboard) read a consistent
/// snapshot while it writes.
///
/// A file that is not a journal (damaged, or another application's database) or one from a newer
/// meshtop is refused before anything in it is changed: the checks read it with a read-only
/// connection first, and only then is it opened for writing (which switches it to WAL).
///
///     let journal = try JobJournal.open(at: JobJournal.defaultPath())
public final class JobJournal: Sendable {
    /// `PRAGMA application_id`: "MJOB", so a journal is told from any other SQLite file.
    static let applicationID: Int32 = 0x4D4A_4F42
    /// `PRAGMA user_version` of the schema this meshtop writes.
    static let schemaVersion = 2

    public let path: String
    let pool: DatabasePool

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// `$XDG_STATE_HOME/meshtop/jobs.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        XDGFolder.state.path(environment: environment) + "/jobs.sqlite"
    }

    /// Opens (creating when missing) the journal for writing. Throws `JobJournalError`.
    public static func open(at path: String) throws -> JobJournal {
        let folder = (path as NSString).deletingLastPathComponent
        try prepareFolder(folder)
        let fileExists = FileManager.default.fileExists(atPath: path)
        if !fileExists {
            // Created 0600 before SQLite sees it; SQLite gives -wal and -shm the same mode.
            let fd = Glibc.open(path, O_CREAT | O_WRONLY | O_EXCL, 0o600)
            if fd >= 0 { close(fd) }
        } else {
            try check(path)
        }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            try pool.write { db in try migrate(db) }
            return JobJournal(path: path, pool: pool)
        } catch let error as JobJournalError {
            throw error
        } catch {
            throw JobJournalError(.unreadable, "the job journal \(path) could not be opened: \(describe(error)); it was left as it is")
        }
    }

    /// Reads `path` without changing it and refuses what is not a journal of a schema this meshtop knows.
    static func check(_ path: String) throws {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if (attributes?[.size] as? Int ?? 0) == 0 { return }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                if application != applicationID && tables > 0 {
                    throw JobJournalError(.unreadable, "\(path) is not a meshtop job journal (another application's database?); it was left as it is. Move it away or set XDG_STATE_HOME")
                }
                if version > schemaVersion {
                    throw JobJournalError(.newerSchema, "the job journal \(path) was written by a newer meshtop (schema \(version), this one knows \(schemaVersion)); it was left as it is. Use that meshtop, or move the file away")
                }
            }
            try queue.close()
        } catch let error as JobJournalError {
            throw error
        } catch {
            throw JobJournalError(.unreadable, "the job journal \(path) is damaged or not a SQLite database (\(describe(error))); it was left as it is. Move it away to start a new one")
        }
    }

    /// The state folder, 0700 (the journal holds prompts and answers).
    static func prepareFolder(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw JobJournalError(.writeFailed, "cannot create \(folder): \(error.localizedDescription)")
        }
    }

    /// Brings a journal to `schemaVersion` in the one transaction it is called in: a new file
    /// takes schema 1 and then every step after it, as an old one does, so both end the same.
    static func migrate(_ db: Database) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if version == schemaVersion { return }
        guard version < schemaVersion else {
            throw JobJournalError(.newerSchema, "the job journal has schema \(version); this meshtop knows \(schemaVersion)")
        }
        if version < 1 { try createSchemaOne(db) }
        if version < 2 { try migrateToSchemaTwo(db) }
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
    }

    private static func createSchemaOne(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE job (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, state TEXT NOT NULL,
                created_at REAL NOT NULL, updated_at REAL NOT NULL,
                settings TEXT NOT NULL, input_sha256 TEXT NOT NULL, input_name TEXT NOT NULL,
                total INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL,
                succeeded INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
                retrying INTEGER NOT NULL DEFAULT 0, cost_usd REAL NOT NULL DEFAULT 0,
                stop_reason TEXT, cancel_requested INTEGER NOT NULL DEFAULT 0,
                driver_pid INTEGER, driver_since REAL, done_at_run_start INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE chunk (
                job_id TEXT NOT NULL REFERENCES job(id) ON DELETE CASCADE, number INTEGER NOT NULL,
                model TEXT NOT NULL, item_count INTEGER NOT NULL, PRIMARY KEY (job_id, number));
            CREATE TABLE attempt (
                job_id TEXT NOT NULL, chunk INTEGER NOT NULL, number INTEGER NOT NULL,
                phase TEXT NOT NULL, batch_id TEXT, status TEXT, item_count INTEGER NOT NULL,
                completed INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
                sent_at REAL, ended_at REAL, PRIMARY KEY (job_id, chunk, number),
                FOREIGN KEY (job_id, chunk) REFERENCES chunk(job_id, number) ON DELETE CASCADE);
            CREATE TABLE item (
                job_id TEXT NOT NULL REFERENCES job(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
                line INTEGER NOT NULL, custom_id TEXT NOT NULL, chunk INTEGER NOT NULL, attempt INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL, request TEXT NOT NULL, result TEXT, result_attempt INTEGER,
                PRIMARY KEY (job_id, seq));
            CREATE INDEX item_by_attempt ON item(job_id, chunk, attempt);
            CREATE UNIQUE INDEX item_by_custom_id ON item(job_id, custom_id);
            """)
    }

    /// Schema 2 keys items by their job's integer `job_key` rather than its text id, and drops the
    /// unique index on (job_id, custom_id), which only planning read (duplicates are found with
    /// `CustomIDSightings`). Both were most of SQLite's cost of journaling a large job: the text id
    /// was in every item row and in every entry of three item indexes (82 MB of WAL for 200,000
    /// items; 50 MB now).
    private static func migrateToSchemaTwo(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE job ADD COLUMN job_key INTEGER;
            UPDATE job SET job_key = rowid;
            CREATE UNIQUE INDEX job_by_key ON job(job_key);
            CREATE TABLE item_v2 (
                job_key INTEGER NOT NULL REFERENCES job(job_key) ON DELETE CASCADE, seq INTEGER NOT NULL,
                line INTEGER NOT NULL, custom_id TEXT NOT NULL, chunk INTEGER NOT NULL, attempt INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL, request TEXT NOT NULL, result TEXT, result_attempt INTEGER,
                PRIMARY KEY (job_key, seq));
            INSERT INTO item_v2 (job_key, seq, line, custom_id, chunk, attempt, state, request, result, result_attempt)
              SELECT j.job_key, i.seq, i.line, i.custom_id, i.chunk, i.attempt, i.state, i.request, i.result, i.result_attempt
              FROM item i JOIN job j ON j.id = i.job_id ORDER BY i.job_id, i.seq;
            DROP TABLE item;
            ALTER TABLE item_v2 RENAME TO item;
            CREATE INDEX item_by_attempt ON item(job_key, chunk, attempt);
            """)
    }

    /// The SQL condition that picks a job's items by its text id (bound to one `?`): the items
    /// hold the job's integer key, looked up once per statement.
    static let itemsOfJob = "job_key = (SELECT job_key FROM job WHERE id = ?)"

    /// A job's integer key, for statements run once per item.
    static func key(ofJob id: String, _ db: Database) throws -> Int {
        guard let key = try Int.fetchOne(db, sql: "SELECT job_key FROM job WHERE id = ?", arguments: [id]) else {
            throw JobJournalError(.noSuchJob, "job \(id) is not in the journal")
        }
        return key
    }

    /// A GRDB or file error in a few words (SQLite's own message, never a statement's arguments).
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return String(describing: error)
    }

    /// Turns a failed write into `JobJournalError.writeFailed` with words about the disk.
    func writing<T: Sendable>(_ what: String, _ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw writeFailure(error, what: "(\(what))")
        }
    }

    /// The error a failed write ends in: `JobJournalError` and `BatchInputError` as they are, a
    /// full disk said so, anything else in SQLite's words.
    func writeFailure(_ error: any Error, what: String) -> any Error {
        switch error {
        case is JobJournalError, is BatchInputError: return error
        case let error as DatabaseError where error.resultCode == .SQLITE_FULL:
            return JobJournalError(.writeFailed, "the job journal \(path) could not be written \(what): the disk is full")
        default:
            return JobJournalError(.writeFailed, "the job journal \(path) could not be written \(what): \(Self.describe(error))")
        }
    }

    func reading<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as JobJournalError {
            throw error
        } catch {
            throw JobJournalError(.unreadable, "the job journal \(path) could not be read: \(Self.describe(error))")
        }
    }
}
