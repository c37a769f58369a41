import Crypto
import Foundation
import GRDB
import MeshAPI

/// A job just written to the journal.
public struct PlannedJob: Sendable {
    public var id: String
    public var items: Int
    public var chunks: Int
    /// Models in order of first appearance, with their item counts.
    public var models: [(name: String, items: Int)]
}

extension JobJournal {
    /// Reads the whole input (streaming), checks every line as `batches create` does, and writes the
    /// job, its items (request lines as they came) and its chunks in one transaction: a bad line
    /// throws `BatchInputError` and leaves nothing behind. Lines are grouped by model (a batch has
    /// one model) in order of each model's first line, then cut into chunks of `batchSize`.
    public func createJob(name: String?, settings: JobSettings, input: FileHandle, inputName: String,
                          now: Date = Date()) throws -> PlannedJob {
        let id = JobID.make(now: now)
        do {
            // The planning transaction leaves ~100 MB of pages in the WAL for 200,000 requests.
            // Copying them into the database file (the checkpoint SQLite runs after a commit, with
            // its fsync) waits until the job's id is out: the runner's next write does it.
            let pages = try pool.writeWithoutTransaction { db in
                let pages = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
                return pages
            }
            defer { try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(pages)") } }
            return try pool.write { db -> PlannedJob in
                try db.execute(sql: """
                    INSERT INTO job (id, name, state, created_at, updated_at, settings, input_sha256, input_name, max_attempts)
                    VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)
                    """, arguments: [id, name ?? "", JobState.running.rawValue, now.timeIntervalSince1970,
                                     now.timeIntervalSince1970, try Self.encode(settings), inputName, 1 + settings.retries])
                let insert = try db.makeStatement(sql: """
                    INSERT INTO item (job_id, seq, line, custom_id, chunk, state, request) VALUES (?, ?, ?, ?, ?, 'waiting', ?)
                    """)
                var chunkOfModel: [String: (number: Int, filled: Int)] = [:]
                var chunkRows: [(number: Int, model: String, count: Int)] = []
                var modelOrder: [String] = []
                var modelCounts: [String: Int] = [:]
                var hash = SHA256()
                // Duplicate ids are found by the journal's unique index (compared by code points, as
                // Mesh compares them), not by a second copy of every id in memory.
                var reader = BatchInputReader(oneModel: false, checksDuplicates: false, keepsValues: false)
                var seq = 0
                try reader.read(input, rawBytes: { hash.update(data: $0) }) { line in
                    var chunk = chunkOfModel[line.model]
                    if chunk == nil || chunk!.filled == settings.batchSize {
                        chunk = (chunkRows.count + 1, 0)
                        chunkRows.append((chunk!.number, line.model, 0))
                    }
                    chunk!.filled += 1
                    chunkOfModel[line.model] = chunk
                    chunkRows[chunk!.number - 1].count += 1
                    if modelCounts[line.model] == nil { modelOrder.append(line.model) }
                    modelCounts[line.model, default: 0] += 1
                    do {
                        try insert.execute(arguments: [id, seq, line.lineNumber, line.customID, chunk!.number, line.text])
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                        let first = try Int.fetchOne(db, sql: "SELECT line FROM item WHERE job_id = ? AND custom_id = ?",
                                                     arguments: [id, line.customID]) ?? 0
                        throw BatchInputReader.duplicate(line.customID, line: line.lineNumber, firstLine: first)
                    }
                    seq += 1
                }
                let chunkInsert = try db.makeStatement(sql: "INSERT INTO chunk (job_id, number, model, item_count) VALUES (?, ?, ?, ?)")
                for row in chunkRows { try chunkInsert.execute(arguments: [id, row.number, row.model, row.count]) }
                let digest = hash.finalize().map { String(format: "%02x", $0) }.joined()
                let jobName = (name?.isEmpty ?? true) ? (inputName as NSString).lastPathComponent : name!
                try db.execute(sql: "UPDATE job SET total = ?, input_sha256 = ?, name = ? WHERE id = ?",
                               arguments: [seq, digest, jobName, id])
                return PlannedJob(id: id, items: seq, chunks: chunkRows.count,
                                  models: modelOrder.map { ($0, modelCounts[$0]!) })
            }
        } catch {
            throw writeFailure(error, what: "(nothing was sent)")
        }
    }

    static func encode(_ settings: JobSettings) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(settings), as: UTF8.self)
    }

    static func decodeSettings(_ text: String) -> JobSettings? {
        try? JSONDecoder().decode(JobSettings.self, from: Data(text.utf8))
    }
}
