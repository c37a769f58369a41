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
                    INSERT INTO job (job_key, id, name, state, created_at, updated_at, settings, input_sha256, input_name, max_attempts)
                    VALUES ((SELECT coalesce(max(job_key), 0) + 1 FROM job), ?, ?, ?, ?, ?, ?, '', ?, ?)
                    """, arguments: [id, name ?? "", JobState.running.rawValue, now.timeIntervalSince1970,
                                     now.timeIntervalSince1970, try Self.encode(settings), inputName, 1 + settings.retries])
                let key = try Self.key(ofJob: id, db)
                let insert = try db.makeStatement(sql: """
                    INSERT INTO item (job_key, seq, line, custom_id, chunk, state, request) VALUES (?, ?, ?, ?, ?, 'waiting', ?)
                    """)
                // The chunk each model is filling (how full it is is its row's count), and the models
                // in order of their first line. One dictionary lookup a line; a write only when a
                // model opens a chunk.
                var openChunkOfModel: [String: Int] = [:]
                var modelOrder: [String] = []
                var chunkRows: [(number: Int, model: String, count: Int)] = []
                var hash = SHA256()
                // Duplicate ids: a hash per id in memory, and the rows written so far when one repeats.
                var sightings = CustomIDSightings()
                var reader = BatchInputReader(oneModel: false, checksDuplicates: false, keepsValues: false)
                var seq = 0
                try reader.read(input, rawBytes: { hash.update(data: $0) }) { line in
                    var chunk = openChunkOfModel[line.model] ?? 0
                    if chunk == 0 || chunkRows[chunk - 1].count == settings.batchSize {
                        if chunk == 0 { modelOrder.append(line.model) }
                        chunkRows.append((chunkRows.count + 1, line.model, 0))
                        chunk = chunkRows.count
                        openChunkOfModel[line.model] = chunk
                    }
                    chunkRows[chunk - 1].count += 1
                    if !sightings.isFirstSighting(of: line.customID),
                       let first = try Int.fetchOne(db, sql: "SELECT line FROM item WHERE job_key = ? AND custom_id = ? ORDER BY seq LIMIT 1",
                                                    arguments: [key, line.customID]) {
                        throw BatchInputReader.duplicate(line.customID, line: line.lineNumber, firstLine: first)
                    }
                    try insert.execute(arguments: [key, seq, line.lineNumber, line.customID, chunk, line.text])
                    seq += 1
                }
                let chunkInsert = try db.makeStatement(sql: "INSERT INTO chunk (job_id, number, model, item_count) VALUES (?, ?, ?, ?)")
                for row in chunkRows { try chunkInsert.execute(arguments: [id, row.number, row.model, row.count]) }
                let digest = hash.finalize().map { String(format: "%02x", $0) }.joined()
                let jobName = (name?.isEmpty ?? true) ? (inputName as NSString).lastPathComponent : name!
                try db.execute(sql: "UPDATE job SET total = ?, input_sha256 = ?, name = ? WHERE id = ?",
                               arguments: [seq, digest, jobName, id])
                return PlannedJob(id: id, items: seq, chunks: chunkRows.count,
                                  models: modelOrder.map { model in
                                      (model, chunkRows.reduce(0) { $0 + ($1.model == model ? $1.count : 0) })
                                  })
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
