import Foundation
import GRDB
import MeshAPI

/// Read-only access to the journal in plain values (`JobSummary`, `JobChunk`, `JobItemResult`),
/// safe while a runner writes: WAL readers see the last committed transaction and never block the
/// writer. What `jobs list/show/results` use, and what a Jobs screen in the dashboard reads.
///
///     guard let reader = try JobJournalReader.open(at: JobJournal.defaultPath()) else { return [] }  // nil: no journal yet
///     let jobs = try await reader.summaries()
///     let chunks = try await reader.chunks(of: jobs[0].id)
public struct JobJournalReader: Sendable {
    let database: any DatabaseReader
    /// Where the leases live, to tell whether a runner holds one.
    let leaseFolder: String

    init(database: any DatabaseReader, path: String) {
        self.database = database
        leaseFolder = JobLease.folder(forJournal: path)
    }

    /// Opens the journal at `path` read-only; nil when there is none yet. Throws `JobJournalError`
    /// for a file that is not a journal or is from a newer meshtop (nothing is changed).
    public static func open(at path: String) throws -> JobJournalReader? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        try JobJournal.check(path)
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            // A pool reads in WAL mode; a journal not yet in WAL (an empty file) has no jobs.
            let pool = try DatabasePool(path: path, configuration: configuration)
            let hasTables = try pool.read { try $0.tableExists("job") }
            return hasTables ? JobJournalReader(database: pool, path: path) : nil
        } catch {
            throw JobJournalError(.unreadable, "the job journal \(path) could not be read: \(JobJournal.describe(error))")
        }
    }

    /// Every job, newest first.
    public func summaries() async throws -> [JobSummary] {
        try await read { db in try Row.fetchAll(db, sql: Self.summarySQL + " ORDER BY j.created_at DESC").map(summary(from:)) }
    }

    public func summary(of id: String) async throws -> JobSummary {
        let found = try await read { db in
            try Row.fetchOne(db, sql: Self.summarySQL + " WHERE j.id = ?", arguments: [id]).map(summary(from:))
        }
        guard let found else { throw JobJournalError(.noSuchJob, "no job \(id) in the journal") }
        return found
    }

    /// Every chunk of the job with every attempt, in chunk order.
    public func chunks(of id: String) async throws -> [JobChunk] {
        try await read { db in
            var chunks = try Row.fetchAll(db, sql: "SELECT number, model, item_count FROM chunk WHERE job_id = ? ORDER BY number",
                                          arguments: [id]).map {
                JobChunk(number: $0["number"], model: $0["model"], itemCount: $0["item_count"], attempts: [])
            }
            let attempts = try Row.fetchAll(db, sql: "SELECT * FROM attempt WHERE job_id = ? ORDER BY chunk, number", arguments: [id])
            for row in attempts {
                let chunk: Int = row["chunk"]
                guard chunks.indices.contains(chunk - 1) else { continue }
                chunks[chunk - 1].attempts.append(JobAttempt(
                    number: row["number"], phase: JobAttempt.Phase(rawValue: row["phase"]) ?? .queued, batchID: row["batch_id"],
                    status: row["status"], itemCount: row["item_count"], completed: row["completed"], failed: row["failed"],
                    sentAt: (row["sent_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    endedAt: (row["ended_at"] as Double?).map(Date.init(timeIntervalSince1970:))))
            }
            return chunks
        }
    }

    /// Each item in input order, handed to `each` one at a time from a cursor (200,000 items are
    /// never in memory at once). `failedOnly` keeps the items that failed for good.
    public func results(of id: String, failedOnly: Bool = false, _ each: (JobItemResult) throws -> Void) throws {
        try database.read { db in
            let cursor = try Row.fetchCursor(db, sql: Self.resultsSQL(failedOnly: failedOnly), arguments: [id])
            while let row = try cursor.next() {
                let state: String = row[ResultColumn.state]
                try each(JobItemResult(
                    customID: row[ResultColumn.customID],
                    state: state == "succeeded" ? .succeeded : state == "failed" ? .failed : .pending,
                    resultText: row[ResultColumn.result], chunk: row[ResultColumn.chunk],
                    attempt: row[ResultColumn.resultAttempt], batchID: row[ResultColumn.batchID]))
            }
        }
    }

    /// The lines of `jobs results --jsonl` (see `JobResultLines`), in input order, handed to `write`
    /// about 1 MiB at a time as they are read from a cursor: memory stays flat in the number of items.
    public func resultLines(of id: String, failedOnly: Bool = false, _ write: (Data) throws -> Void) throws {
        let flushAt = 1 << 20
        try database.read { db in
            let cursor = try Row.fetchCursor(db, sql: Self.resultsSQL(failedOnly: failedOnly), arguments: [id])
            var lines = JobResultLines(capacity: flushAt + 64 * 1024)
            while let row = try cursor.next() {
                try lines.append(row)
                if lines.bytes.count >= flushAt {
                    try write(Data(lines.bytes))
                    lines.bytes.removeAll(keepingCapacity: true)
                }
            }
            if !lines.bytes.isEmpty { try write(Data(lines.bytes)) }
        }
    }

    /// The columns of `resultsSQL`, read by position (a name is looked up case-insensitively on
    /// every read, 200,000 times over).
    enum ResultColumn {
        static let customID = 0, state = 1, result = 2, chunk = 3, resultAttempt = 4, batchID = 5
    }

    static func resultsSQL(failedOnly: Bool) -> String {
        """
        SELECT i.custom_id, i.state, i.result, i.chunk, i.result_attempt, a.batch_id FROM job j
        JOIN item i ON i.job_key = j.job_key
        LEFT JOIN attempt a ON a.job_id = j.id AND a.chunk = i.chunk AND a.number = i.result_attempt
        WHERE j.id = ? \(failedOnly ? "AND i.state = 'failed'" : "") ORDER BY i.seq
        """
    }

    private static let summarySQL = """
        SELECT j.*,
          (SELECT count(*) FROM attempt a WHERE a.job_id = j.id AND a.phase IN ('sending', 'live')) AS live,
          (SELECT count(*) FROM attempt a WHERE a.job_id = j.id AND a.phase = 'queued') AS queued
        FROM job j
        """

    private func summary(from row: Row) -> JobSummary {
        let id: String = row["id"]
        let settings = JobJournal.decodeSettings(row["settings"]) ?? JobSettings()
        // The journal says who started driving; the lease says whether that process still does.
        var driver: JobDriver?
        if JobLease.isHeld(id, in: leaseFolder), let pid = row["driver_pid"] as Int? {
            driver = JobDriver(pid: Int32(pid), since: Date(timeIntervalSince1970: row["driver_since"] as Double? ?? 0))
        }
        let done = (row["succeeded"] as Int) + (row["failed"] as Int)
        return JobSummary(
            id: id, name: row["name"], state: JobState(stored: row["state"]),
            createdAt: Date(timeIntervalSince1970: row["created_at"]), updatedAt: Date(timeIntervalSince1970: row["updated_at"]),
            total: row["total"], succeeded: row["succeeded"], failedForGood: row["failed"], waitingToRetry: row["retrying"],
            liveBatches: row["live"], queuedBatches: row["queued"], slots: settings.slots, costUSD: row["cost_usd"],
            stopReason: row["stop_reason"], driver: driver,
            doneThisRun: done - (row["done_at_run_start"] as Int),
            runStartedAt: (row["driver_since"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    private func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.read(body)
        } catch let error as JobJournalError {
            throw error
        } catch {
            throw JobJournalError(.unreadable, "the job journal could not be read: \(JobJournal.describe(error))")
        }
    }
}

extension JobJournal {
    /// The same reads over the writer's own pool (the runner's progress line).
    public var reader: JobJournalReader { JobJournalReader(database: pool, path: path) }
}
