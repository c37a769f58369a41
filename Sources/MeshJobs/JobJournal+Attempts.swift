import Foundation
import GRDB
import MeshAPI

/// The runner's writes. Each is one transaction, so a kill -9 between any two leaves the journal
/// at one of them; what a crash can leave unknown is only whether a create reached the server,
/// and that is what the "sending" phase is for.
extension JobJournal {
    func job(_ id: String) async throws -> JobRecord {
        try await reading { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM job WHERE id = ?", arguments: [id]) else {
                throw JobJournalError(.noSuchJob, "no job \(id) in the journal")
            }
            return JobRecord(
                id: row["id"], name: row["name"], state: JobState(stored: row["state"]),
                settings: Self.decodeSettings(row["settings"]) ?? JobSettings(), maxAttempts: row["max_attempts"],
                cancelRequested: (row["cancel_requested"] as Int) != 0, total: row["total"])
        }
    }

    /// The full id of the job `prefix` names (a whole id, a unique prefix of one, or a unique name).
    public func resolveJob(_ prefix: String) async throws -> String {
        try await reading { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM job WHERE id = ? OR id LIKE ? ESCAPE '\\' OR name = ? ORDER BY created_at",
                                          arguments: [prefix, Self.likePrefix(prefix), prefix])
            let exact = ids.filter { $0 == prefix }
            if exact.count == 1 { return exact[0] }
            guard ids.count == 1 else {
                throw JobJournalError(.noSuchJob, ids.isEmpty
                    ? "no job \(prefix) in the journal (`meshtop jobs list` shows them)"
                    : "\(prefix) names \(ids.count) jobs; give more of the id")
            }
            return ids[0]
        }
    }

    static func likePrefix(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    /// The runner took the lease: records who drives it and from when, for the list and the ETA.
    /// A stopped job runs again (resume after a fix).
    func beginRun(_ id: String, pid: Int32, now: Date) async throws {
        try await writing("start") { db in
            try db.execute(sql: """
                UPDATE job SET driver_pid = ?, driver_since = ?, done_at_run_start = succeeded + failed,
                  state = CASE WHEN state = 'stopped' THEN 'running' ELSE state END,
                  stop_reason = CASE WHEN state = 'stopped' THEN NULL ELSE stop_reason END, updated_at = ?
                WHERE id = ?
                """, arguments: [Int(pid), now.timeIntervalSince1970, now.timeIntervalSince1970, id])
        }
    }

    func endRun(_ id: String, pid: Int32) async throws {
        try await writing("stop") { db in
            try db.execute(sql: "UPDATE job SET driver_pid = NULL WHERE id = ? AND driver_pid = ?", arguments: [id, Int(pid)])
        }
    }

    /// Gives every chunk that has items waiting and no attempt under way its next attempt (queued),
    /// and moves those items into it. Answers how many attempts were planned.
    @discardableResult
    func planAttempts(_ id: String, now: Date) async throws -> Int {
        try await writing("planning attempts") { db in
            let waiting = try Row.fetchAll(db, sql: """
                SELECT chunk, count(*) AS n FROM item WHERE \(Self.itemsOfJob) AND state = 'waiting' GROUP BY chunk ORDER BY chunk
                """, arguments: [id])
            var planned = 0
            for row in waiting {
                let chunk: Int = row["chunk"]
                let open = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM attempt WHERE job_id = ? AND chunk = ? AND phase IN ('queued', 'sending', 'live')
                    """, arguments: [id, chunk]) ?? 0
                if open > 0 { continue }
                let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM attempt WHERE job_id = ? AND chunk = ?",
                                               arguments: [id, chunk]) ?? 0) + 1
                try db.execute(sql: "INSERT INTO attempt (job_id, chunk, number, phase, item_count) VALUES (?, ?, ?, 'queued', ?)",
                               arguments: [id, chunk, number, row["n"] as Int])
                try db.execute(sql: "UPDATE item SET state = 'sent', attempt = ? WHERE \(Self.itemsOfJob) AND chunk = ? AND state = 'waiting'",
                               arguments: [number, id, chunk])
                planned += 1
            }
            if planned > 0 { try Self.touch(db, id, now) }
            return planned
        }
    }

    func openAttempts(_ id: String) async throws -> [OpenAttempt] {
        try await reading { db in
            try Row.fetchAll(db, sql: """
                SELECT a.chunk, a.number, a.phase, a.batch_id, a.item_count, c.model FROM attempt a
                JOIN chunk c ON c.job_id = a.job_id AND c.number = a.chunk
                WHERE a.job_id = ? AND a.phase IN ('queued', 'sending', 'live') ORDER BY a.number, a.chunk
                """, arguments: [id]).map {
                OpenAttempt(chunk: $0["chunk"], number: $0["number"],
                            phase: JobAttempt.Phase(rawValue: $0["phase"]) ?? .queued, batchID: $0["batch_id"],
                            itemCount: $0["item_count"], model: $0["model"])
            }
        }
    }

    func setPhase(_ id: String, _ attempt: OpenAttempt, to phase: JobAttempt.Phase, batchID: String? = nil,
                  status: String? = nil, now: Date) async throws {
        try await writing("an attempt's phase") { db in
            try db.execute(sql: """
                UPDATE attempt SET phase = ?, batch_id = coalesce(?, batch_id), status = coalesce(?, status),
                  sent_at = CASE WHEN ? = 'live' THEN coalesce(sent_at, ?) ELSE sent_at END
                WHERE job_id = ? AND chunk = ? AND number = ?
                """, arguments: [phase.rawValue, batchID, status, phase.rawValue, now.timeIntervalSince1970,
                                 id, attempt.chunk, attempt.number])
            try Self.touch(db, id, now)
        }
    }

    /// The batch's status and counts as last seen, for `jobs show` and the dashboard.
    func noteStatus(_ id: String, batchID: String, status: String, completed: Int, failed: Int) async throws {
        try await writing("a batch's status") { db in
            try db.execute(sql: "UPDATE attempt SET status = ?, completed = ?, failed = ? WHERE job_id = ? AND batch_id = ?",
                           arguments: [status, completed, failed, id, batchID])
        }
    }

    /// The create body of an attempt: its items' request lines spliced in as they came.
    func createBody(_ id: String, _ attempt: OpenAttempt, settings: JobSettings) async throws -> Data {
        let lines = try await reading { db in
            try String.fetchAll(db, sql: "SELECT request FROM item WHERE \(Self.itemsOfJob) AND chunk = ? AND attempt = ? AND state = 'sent' ORDER BY seq",
                                arguments: [id, attempt.chunk, attempt.number])
        }
        var metadata = settings.metadata
        metadata[JobMetadataKey.job] = id
        metadata[JobMetadataKey.chunk] = String(attempt.chunk)
        metadata[JobMetadataKey.attempt] = String(attempt.number)
        return SplicedCreateBody.make(requestLines: lines, completionWindow: settings.completionWindow, metadata: metadata)
    }

    /// An attempt's batch ended (or vanished): each of its items takes its result, and is then
    /// done (succeeded, or failed for good) or waiting for the chunk's next attempt, by `rule`.
    /// An item the batch returned nothing for counts as never run. One transaction.
    func finishAttempt(_ id: String, _ attempt: OpenAttempt, phase: JobAttempt.Phase, status: String?,
                       completed: Int, failed: Int, results: [String: ReturnedResult], rule: RetryRule,
                       jobCancelled: Bool, maxAttempts: Int, costUSD: Double, now: Date) async throws {
        try await writing("an attempt's results") { db in
            let key = try Self.key(ofJob: id, db)
            let items = try Row.fetchAll(db, sql: """
                SELECT seq, custom_id, result IS NOT NULL AS had FROM item
                WHERE job_key = ? AND chunk = ? AND attempt = ? AND state = 'sent'
                """, arguments: [key, attempt.chunk, attempt.number])
            let update = try db.makeStatement(sql: """
                UPDATE item SET state = ?, result = coalesce(?, result), result_attempt = CASE WHEN ? IS NULL THEN result_attempt ELSE ? END
                WHERE job_key = ? AND seq = ?
                """)
            var succeeded = 0, failedForGood = 0, retrying = 0
            for item in items {
                let customID: String = item["custom_id"]
                let had: Bool = item["had"]
                let returned = results[customID]
                var text = returned?.text
                let state: String
                if returned?.result.outcome == .succeeded {
                    state = "succeeded"
                    succeeded += 1
                } else if rule.shouldRetry(returned?.result, jobCancelled: jobCancelled), attempt.number < maxAttempts {
                    state = "waiting"
                } else {
                    state = "failed"
                    failedForGood += 1
                }
                // "Waiting to retry" counts the items not done that hold a failed result.
                retrying += (state == "waiting" ? 1 : 0) - (had ? 1 : 0)
                if text == nil {
                    text = Self.notReturnedText(customID, status: status, jobCancelled: jobCancelled)
                }
                try update.execute(arguments: [state, text, text, attempt.number, key, item["seq"] as Int])
            }
            try db.execute(sql: """
                UPDATE attempt SET phase = ?, status = coalesce(?, status), completed = ?, failed = ?, ended_at = ?
                WHERE job_id = ? AND chunk = ? AND number = ?
                """, arguments: [phase.rawValue, status, completed, failed, now.timeIntervalSince1970,
                                 id, attempt.chunk, attempt.number])
            try db.execute(sql: """
                UPDATE job SET succeeded = succeeded + ?, failed = failed + ?, retrying = retrying + ?, cost_usd = cost_usd + ?,
                  updated_at = ? WHERE id = ?
                """, arguments: [succeeded, failedForGood, retrying, costUSD, now.timeIntervalSince1970, id])
        }
    }

    /// The result an item gets when its batch ended without one (a failed or vanished batch, an
    /// item left out of `results`, or a job cancelled before the item was sent): in a batch
    /// result's shape, so `jobs results` prints one line per input line.
    static func notReturnedText(_ customID: String, status: String?, jobCancelled: Bool) -> String {
        let (code, message) = jobCancelled
            ? ("job_cancelled", "the job was cancelled before this item ran")
            : ("not_returned", "the batch ended (\(status ?? "gone")) without a result for this item")
        return JSONValueWriter.string(.object([
            "custom_id": .string(customID), "response": .null,
            "error": .object(["code": .string(code), "message": .string(message)]),
        ]))
    }

    /// `jobs cancel`: nothing more is sent; the runner cancels live batches and ends the job.
    public func requestCancel(_ id: String, now: Date = Date()) async throws {
        try await writing("the cancel") { db in
            try db.execute(sql: """
                UPDATE job SET cancel_requested = 1, state = CASE WHEN state IN ('completed', 'finished_with_failures', 'cancelled')
                  THEN state ELSE 'cancelling' END, updated_at = ? WHERE id = ?
                """, arguments: [now.timeIntervalSince1970, id])
        }
    }

    /// A cancelled job's attempts that were never sent, and its items that were never in one: done,
    /// with a `job_cancelled` result.
    func abandonUnsent(_ id: String, now: Date) async throws {
        try await writing("the cancel") { db in
            let key = try Self.key(ofJob: id, db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT i.seq, i.custom_id, i.result IS NOT NULL AS had FROM item i
                LEFT JOIN attempt a ON a.job_id = ? AND a.chunk = i.chunk AND a.number = i.attempt
                WHERE i.job_key = ? AND (i.state = 'waiting' OR (i.state = 'sent' AND a.phase = 'queued'))
                """, arguments: [id, key])
            var hadResult = 0
            for row in rows {
                let had: Bool = row["had"]
                if had { hadResult += 1 }
                try db.execute(sql: "UPDATE item SET state = 'failed', result = coalesce(result, ?) WHERE job_key = ? AND seq = ?",
                               arguments: [Self.notReturnedText(row["custom_id"], status: nil, jobCancelled: true), key, row["seq"] as Int])
            }
            try db.execute(sql: "UPDATE attempt SET phase = 'abandoned', ended_at = ? WHERE job_id = ? AND phase = 'queued'",
                           arguments: [now.timeIntervalSince1970, id])
            try db.execute(sql: "UPDATE job SET failed = failed + ?, retrying = retrying - ?, updated_at = ? WHERE id = ?",
                           arguments: [rows.count, hadResult, now.timeIntervalSince1970, id])
        }
    }

    /// A create was refused for a reason a retry will not fix: the job stops, and says why.
    func stop(_ id: String, reason: String, now: Date) async throws {
        try await writing("the stop") { db in
            try db.execute(sql: "UPDATE job SET state = 'stopped', stop_reason = ?, updated_at = ? WHERE id = ?",
                           arguments: [reason, now.timeIntervalSince1970, id])
        }
    }

    /// Every item has its final result: completed, finished with failures, or cancelled.
    func finish(_ id: String, now: Date) async throws -> JobState {
        try await writing("the end") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT failed, cancel_requested FROM job WHERE id = ?", arguments: [id]) else {
                return .unknown
            }
            let state: JobState = (row["cancel_requested"] as Int) != 0 ? .cancelled
                : (row["failed"] as Int) > 0 ? .finishedWithFailures : .completed
            try db.execute(sql: "UPDATE job SET state = ?, updated_at = ? WHERE id = ?",
                           arguments: [state.rawValue, now.timeIntervalSince1970, id])
            return state
        }
    }

    /// `jobs retry`: the items that failed for good wait for one more attempt of their chunk.
    /// Answers how many.
    public func reopenFailed(_ id: String, now: Date = Date()) async throws -> Int {
        try await writing("the retry") { db in
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM item WHERE \(Self.itemsOfJob) AND state = 'failed'", arguments: [id]) ?? 0
            guard count > 0 else { return 0 }
            let highest = try Int.fetchOne(db, sql: "SELECT max(number) FROM attempt WHERE job_id = ?", arguments: [id]) ?? 0
            try db.execute(sql: "UPDATE item SET state = 'waiting' WHERE \(Self.itemsOfJob) AND state = 'failed'", arguments: [id])
            try db.execute(sql: """
                UPDATE job SET failed = failed - ?, retrying = retrying + ?, max_attempts = max(max_attempts, ?),
                  state = 'running', cancel_requested = 0, stop_reason = NULL, updated_at = ? WHERE id = ?
                """, arguments: [count, count, highest + 1, now.timeIntervalSince1970, id])
            return count
        }
    }

    /// Whether anything is left: items without their final result. From the job's counters, so a
    /// round never scans the items (200,000 rows with their requests and results).
    func hasWorkLeft(_ id: String) async throws -> Bool {
        try await reading { db in
            (try Int.fetchOne(db, sql: "SELECT total - succeeded - failed FROM job WHERE id = ?", arguments: [id]) ?? 0) > 0
        }
    }

    static func touch(_ db: Database, _ id: String, _ now: Date) throws {
        try db.execute(sql: "UPDATE job SET updated_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, id])
    }
}
