import Foundation
import Glibc
import GRDB
import MeshAPI
import NIOCore

/// Batches and their items in SQLite (WAL on disk, or in memory). Every state change is one
/// transaction, and an item's result and the batch's counts change together, so a kill -9 at any
/// moment leaves `request_counts` equal to the stored results.
final class BatchStore: Sendable {
    private let writer: any DatabaseWriter
    /// This process's claim on the file (nil in memory): a second server on it is refused.
    private let lock: DatabaseLock?

    /// How long a write waits for SQLite's lock before failing. Only this process writes (the
    /// `DatabaseLock` sees to that), but a reader checkpointing the WAL, or someone poking the file
    /// with `sqlite3`, can hold it for a moment; GRDB's default is to fail at once.
    static let busyTimeoutSeconds: TimeInterval = 5

    /// Opens (and migrates) the database off Swift's cooperative pool: GRDB opens and migrates
    /// synchronously, and a blocked pool thread is one of only two on this machine.
    static func open(path: String?) async throws -> BatchStore {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try BatchStore(path: path) })
            }
        }
    }

    private init(path: String?) throws {
        var config = Configuration()
        // NORMAL is durable against a killed process in WAL mode (only a power cut can lose the tail).
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        config.busyMode = .timeout(Self.busyTimeoutSeconds)
        if let path {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            // Prompts and answers live in it: only the user may look (an existing folder keeps its mode).
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // Before the file is opened: a refused second server must not even migrate it.
            let lock = try DatabaseLock.acquire(databasePath: path)
            self.lock = lock
            // Before anything opens it for writing: the pool alone would switch a foreign file to WAL.
            try DatabaseFileCheck.verify(path: path, knownMigrations: Self.migrator.migrations)
            try Self.createPrivately(path)
            writer = try DatabasePool(path: path, configuration: config)
        } else {
            lock = nil
            writer = try DatabaseQueue(configuration: config)
        }
        try Self.migrator.migrate(writer)
    }

    /// Creates a missing database file 0600 before SQLite does (it would make it 0644 under the
    /// usual umask); SQLite gives its `-wal` and `-shm` files the main file's mode. An existing
    /// file keeps the mode its owner gave it.
    private static func createPrivately(_ path: String) throws {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw StandInStartupError("cannot create the database \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Gives up this process's claim on the database file (after the server's last write), so
    /// another server may open it. A process that ends without calling this loses the claim anyway.
    func releaseLock() {
        lock?.release()
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE batches (
                        id TEXT PRIMARY KEY NOT NULL, owner TEXT NOT NULL, model TEXT NOT NULL,
                        provider TEXT NOT NULL, status TEXT NOT NULL, completion_window TEXT NOT NULL,
                        created_at INTEGER NOT NULL, in_progress_at INTEGER, expires_at INTEGER NOT NULL,
                        finalizing_at INTEGER, completed_at INTEGER, failed_at INTEGER, expired_at INTEGER,
                        cancelling_at INTEGER, cancelled_at INTEGER,
                        total INTEGER NOT NULL, completed INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
                        metadata TEXT, errors_detail TEXT);
                    CREATE INDEX batches_owner_id ON batches(owner, id);
                    CREATE TABLE items (
                        batch_id TEXT NOT NULL REFERENCES batches(id), idx INTEGER NOT NULL,
                        custom_id TEXT NOT NULL, body TEXT NOT NULL,
                        outcome INTEGER NOT NULL DEFAULT 0, result TEXT,
                        PRIMARY KEY (batch_id, idx)) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2: clock high-water mark") { db in
            try db.execute(
                sql: "CREATE TABLE clock (id INTEGER PRIMARY KEY CHECK (id = 1), high_water REAL NOT NULL)")
        }
        migrator.registerMigration("v3: when and at what speed the clock mark was read") { db in
            try db.execute(
                sql: """
                    ALTER TABLE clock ADD COLUMN written_at REAL;
                    ALTER TABLE clock ADD COLUMN speed REAL;
                    ALTER TABLE clock ADD COLUMN final INTEGER NOT NULL DEFAULT 0;
                    """)
        }
        return migrator
    }

    private static let terminal = "('completed','failed','expired','cancelled')"

    // MARK: API side

    /// Stores a new batch unless the owner already has `limit` non-terminal ones. The count and the
    /// insert share one write transaction, so concurrent creates can never pass the limit.
    /// Throws `BatchStoreError.limitReached` at the limit, `.cannotWrite` when the disk is full.
    func create(_ new: NewBatch, owner: String, id: String, now: Int, limit: Int) async throws -> Batch {
        try await write { db in
            let active = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM batches WHERE owner = ? AND status NOT IN \(Self.terminal)",
                arguments: [owner]) ?? 0
            guard active < limit else { throw BatchStoreError.limitReached(active: active) }
            try db.execute(
                sql: """
                    INSERT INTO batches (id, owner, model, provider, status, completion_window, created_at,
                        expires_at, total, metadata, errors_detail)
                    VALUES (?, ?, ?, ?, 'validating', ?, ?, ?, ?, ?, '[]')
                    """,
                arguments: [
                    id, owner, new.model, new.provider, new.completionWindow, now, now + new.windowSeconds,
                    new.items.count, try new.metadata.map { try JSONText.string($0) },
                ])
            let insert = try db.cachedStatement(
                sql: "INSERT INTO items (batch_id, idx, custom_id, body) VALUES (?, ?, ?, ?)")
            for (index, item) in new.items.enumerated() {
                try insert.execute(arguments: [id, index, item.customID, item.bodyJSON])
            }
            return try Self.fetch(db, id: id)!.batch
        }
    }

    /// The owner's batches as list-page JSON fragments, newest first, after `after` (exclusive); nil
    /// when `after` is not one of theirs. Terminal batches come from `cache` without decoding the row.
    func listPage(owner: String, after: String?, limit: Int, cache: TerminalBatchJSONCache) async throws
        -> (ids: [String], fragments: [Data], hasMore: Bool, allTerminal: Bool)?
    {
        try await writer.read { db in
            var sql = "SELECT * FROM batches WHERE owner = ?"
            var arguments: StatementArguments = [owner]
            if let after {
                guard try Self.fetch(db, id: after)?.owner == owner else { return nil }
                sql += " AND id < ?"
                arguments += [after]
            }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments += [limit + 1]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            var ids: [String] = []
            var fragments: [Data] = []
            var allTerminal = true
            for row in rows.prefix(limit) {
                let id: String = row["id"]
                ids.append(id)
                let status = BatchStatus(rawValue: row["status"])
                allTerminal = allTerminal && status.isTerminal
                if status.isTerminal, let cached = cache.cached(id: id) {
                    fragments.append(cached)
                } else {
                    fragments.append(try cache.encode(BatchRecord(row: row).batch))
                }
            }
            return (ids, fragments, rows.count > limit, allTerminal)
        }
    }

    /// The owner's batch as the JSON `GET /v1/batches/{id}` answers, its stored results spliced in
    /// as text (see `BatchBodyEncoder`); nil for unknown or foreign ids.
    func getJSON(owner: String, id: String) async throws -> Data? {
        try await writer.read { db in
            guard let record = try Self.fetch(db, id: id), record.owner == owner else { return nil }
            let batch = record.batch
            return try BatchBodyEncoder.encode(batch, resultTexts: batch.isTerminal ? Self.resultTexts(db, id: id) : nil)
        }
    }

    /// Moves a non-terminal batch to `cancelling` (one already cancelling comes back as it is).
    /// Throws `BatchStoreError.alreadyTerminal` for an ended batch; nil when not theirs.
    func requestCancel(owner: String, id: String, now: Int) async throws -> Batch? {
        try await write { db in
            guard let record = try Self.fetch(db, id: id), record.owner == owner else { return nil }
            let status = record.batch.status ?? .validating
            if status.isTerminal { throw BatchStoreError.alreadyTerminal(status) }
            if status == .cancelling { return record.batch }
            try db.execute(
                sql: "UPDATE batches SET status = 'cancelling', cancelling_at = ? WHERE id = ?",
                arguments: [now, id])
            return try Self.fetch(db, id: id)!.batch
        }
    }

    // MARK: Simulator side
    // Every method here is async too, on GRDB's async API: the simulator runs on the cooperative
    // pool, and a synchronous read there waited on a reader that an async read held, whose
    // continuation needed that very thread to resume (the deadlock of 5 concurrent GET loops).

    func batch(id: String) async throws -> Batch? {
        try await writer.read { db in try Self.fetch(db, id: id)?.batch }
    }

    func nonTerminalBatchIDs() async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM batches WHERE status NOT IN \(Self.terminal) ORDER BY id")
        }
    }

    /// Pending items whose body has no `messages` list (they could never run), found by SQLite's
    /// JSON functions: validating a batch of 50,000 no longer reads every body into the process
    /// (it did, overlapping the next accept's parse tree, and the peak RSS grew with it).
    func pendingItemsWithoutMessages(batchID: String, limit: Int) async throws -> [(index: Int, customID: String)] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT idx, custom_id FROM items WHERE batch_id = ? AND outcome = 0
                    AND (json_valid(body) = 0 OR json_type(body, '$.messages') IS NOT 'array')
                    ORDER BY idx LIMIT ?
                    """,
                arguments: [batchID, limit]
            ).map { (index: $0["idx"], customID: $0["custom_id"]) }
        }
    }

    func pendingItems(batchID: String) async throws -> [PendingItem] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT idx, custom_id, body FROM items WHERE batch_id = ? AND outcome = 0 ORDER BY idx",
                arguments: [batchID]
            ).map { PendingItem(index: $0["idx"], customID: $0["custom_id"], bodyJSON: $0["body"]) }
        }
    }

    /// Moves the batch from one status to another and stamps the matching `*_at` column, but only
    /// if it is still in `from` (a cancel may have come in between).
    @discardableResult
    func transition(id: String, from: [BatchStatus], to: BatchStatus, stamp: String, at now: Int,
                    errors: [BatchErrorDetail]? = nil) async throws -> Bool
    {
        let errorsText = try errors.map { try JSONText.string($0) }
        return try await write { db in
            let placeholders = from.map { _ in "?" }.joined(separator: ",")
            var arguments: StatementArguments = [to.rawValue, now]
            var sql = "UPDATE batches SET status = ?, \(stamp) = ?"
            if let errorsText {
                sql += ", errors_detail = ?"
                arguments += [errorsText]
            }
            sql += " WHERE id = ? AND status IN (\(placeholders))"
            arguments += [id]
            arguments += StatementArguments(from.map(\.rawValue))
            try db.execute(sql: sql, arguments: arguments)
            return db.changesCount > 0
        }
    }

    /// Stores one finished item and bumps the batch's counts in the same transaction.
    /// `text` is the result's JSON (`WorkedItem.resultText`). An upstream's answer comes in the
    /// buffer it was read into and is bound from there, in place, as a blob that SQL casts to TEXT
    /// (the column's type stays text): a string of it would be a second copy of up to 31 MiB.
    func storeResult(batchID: String, index: Int, resultText text: ResultText, succeeded: Bool) async throws {
        let outcome = (succeeded ? ItemOutcomeCode.succeeded : .failed).rawValue
        let update = "UPDATE items SET outcome = ?, result = CAST(? AS TEXT) WHERE batch_id = ? AND idx = ? AND outcome = 0"
        try await write { db in
            // A statement's `execute(arguments:)` binds strings and blobs in place for the step;
            // `db.execute(sql:arguments:)` would have SQLite copy them first.
            let statement = try db.cachedStatement(sql: update)
            switch text {
            case .string(let string):
                try statement.execute(arguments: [outcome, string, batchID, index])
            case .utf8(let buffer):
                try buffer.withUnsafeReadableBytes { raw in
                    guard let base = raw.baseAddress else {
                        return try statement.execute(arguments: [outcome, "", batchID, index])
                    }
                    // Valid only inside this closure, and the statement runs inside it.
                    let bytes = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none)
                    try statement.execute(arguments: [outcome, bytes, batchID, index])
                }
            }
            guard db.changesCount > 0 else { return }
            let column = succeeded ? "completed" : "failed"
            try db.execute(sql: "UPDATE batches SET \(column) = \(column) + 1 WHERE id = ?", arguments: [batchID])
        }
    }

    /// Ends a batch whose remaining items will never run: each gets an error result with `code`, and
    /// the batch moves to `status` — all in one transaction.
    func finishUnrun(batchID: String, code: String, message: String, status: BatchStatus, stamp: String,
                     at now: Int) async throws
    {
        try await write { db in
            let pending = try Row.fetchAll(
                db, sql: "SELECT idx, custom_id FROM items WHERE batch_id = ? AND outcome = 0", arguments: [batchID])
            let update = try db.cachedStatement(sql: "UPDATE items SET outcome = ?, result = ? WHERE batch_id = ? AND idx = ?")
            let resultText = try Self.unrunResultText(code: code, message: message)
            for row in pending {
                try update.execute(arguments: [
                    ItemOutcomeCode.notRun.rawValue, try resultText(row["custom_id"]), batchID, row["idx"] as Int,
                ])
            }
            try db.execute(
                sql: "UPDATE batches SET status = ?, \(stamp) = ? WHERE id = ?",
                arguments: [status.rawValue, now, batchID])
        }
    }

    /// The result text of a request that never ran, for one custom id. All but the id are the same
    /// for every item, and a cancel of 50,000 ran JSONEncoder 50,000 times inside the write
    /// transaction (a create waiting on the store waited for that): the text is encoded once, and
    /// each id is put into it. Keys are sorted, so `custom_id` is the first member.
    static func unrunResultText(code: String, message: String) throws -> (String) throws -> String {
        let error = ItemError(code: code, message: message)
        let template = try JSONText.string(BatchResult(customID: "", response: nil, error: error))
        let head = #"{"custom_id":"""#
        guard template.hasPrefix(head) else {
            return { id in try JSONText.string(BatchResult(customID: id, response: nil, error: error)) }
        }
        let rest = template.dropFirst(head.count)
        return { id in #"{"custom_id":"# + JSONValueWriter.string(.string(id)) + rest }
    }

    // MARK: The clock

    /// The latest simulated time this database has seen: the stored mark (with when and at what
    /// speed it was read), and the latest stamp, which can be past the mark (a kill -9 can come
    /// between a stamp and the next mark). A restarted clock resumes from what this says
    /// (`ClockHighWater.resumePoint`), so no stamp and no `Date` ever goes backwards.
    func clockHighWater() async throws -> ClockHighWater {
        try await writer.read { db in
            let stamps = ["created_at", "in_progress_at", "finalizing_at", "completed_at", "failed_at", "expired_at",
                          "cancelling_at", "cancelled_at"].map { "COALESCE(MAX(\($0)), 0)" }.joined(separator: ", ")
            let latestStamp = try Double.fetchOne(db, sql: "SELECT MAX(\(stamps)) FROM batches") ?? 0
            let row = try Row.fetchOne(db, sql: "SELECT high_water, written_at, speed, final FROM clock WHERE id = 1")
            return ClockHighWater(
                latestStamp: latestStamp, mark: row?["high_water"], markWallTime: row?["written_at"],
                markSpeed: row?["speed"], markIsFinal: (row?["final"] as Int?) == 1)
        }
    }

    /// Remembers `reading` (simulated seconds, read at wall time `wallTime` from a clock running
    /// at `speed`) as the clock's high-water mark; the mark itself never goes down. `final`: the
    /// server has stopped answering, so no later reading was given to anyone.
    func recordClock(_ reading: Double, wallTime: Double, speed: Double, final: Bool = false) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO clock (id, high_water, written_at, speed, final) VALUES (1, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET high_water = MAX(high_water, excluded.high_water),
                        written_at = excluded.written_at, speed = excluded.speed, final = excluded.final
                    """,
                arguments: [reading, wallTime, speed, final ? 1 : 0])
        }
    }

    // MARK: Helpers

    /// Every write goes through here: SQLite's "disk full" and I/O errors become
    /// `BatchStoreError.cannotWrite`, which the runner retries and the routes answer with 507.
    private func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.write(updates)
        } catch {
            throw BatchStoreError.storage(error) ?? error
        }
    }

    private static func fetch(_ db: Database, id: String) throws -> BatchRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM batches WHERE id = ?", arguments: [id]).map(BatchRecord.init)
    }

    /// Each item's stored result object, in item order; items still pending have none.
    private static func resultTexts(_ db: Database, id: String) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT result FROM items WHERE batch_id = ? AND result IS NOT NULL ORDER BY idx", arguments: [id])
    }
}
