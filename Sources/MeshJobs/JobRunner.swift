import Foundation
import MeshAPI
#if canImport(Glibc)
import Glibc
#endif

/// Drives one job through the owner's 10-slot quota until every item has its final result.
///
/// Each round: one walk of the owner's batch list (the quota is counted from it, teammates'
/// batches included; our batches are found in it by metadata), then one GET per batch of ours
/// that has just ended (its results), then creates while the owner has fewer than
/// `10 - reserve` live batches and the job fewer than `slots`. A 429 `batch_limit_exceeded` is
/// "wait for a slot", never a failure; the stand-in or Mesh refusing the 11th batch is what keeps
/// two runners on one key within 10, the count only keeps them from asking in vain.
///
/// No batch is sent twice: an attempt is journaled "sending" before its create, and a "sending"
/// attempt is looked for among the owner's batches (by its job, chunk and attempt metadata)
/// before it is sent again: after a crash, after a lost answer, after a 5xx.
///
///     let runner = JobRunner(journal: journal, client: client, jobID: id, shouldStop: { interrupted.value })
///     let outcome = try await runner.run { report in draw(report) }
public final class JobRunner: Sendable {
    let journal: JobJournal
    let client: MeshClient
    let jobID: String
    let shouldStop: @Sendable () -> Bool
    let note: @Sendable (String) -> Void
    let fault = JobFaultPoint()

    /// Rounds no closer than this; slower when nothing moves and nothing waits for a slot.
    static let fastInterval: Double = 2
    static let slowInterval: Double = 10
    /// How long an attempt whose create got no answer may stay unseen in the list before it is
    /// taken as never created (a slow server may still be writing it).
    static let unknownGrace: Double = 30
    /// How long a round may spend reading ended batches' results before it goes round again.
    static let collectBudget: Duration = .milliseconds(1_500)

    public init(journal: JobJournal, client: MeshClient, jobID: String, shouldStop: @escaping @Sendable () -> Bool,
                note: @escaping @Sendable (String) -> Void = { _ in }) {
        self.journal = journal
        self.client = client
        self.jobID = jobID
        self.shouldStop = shouldStop
        self.note = note
    }

    /// Takes the lease and drives the job; `report` is called after every round.
    public func run(report: @Sendable (JobRoundReport) -> Void) async throws -> JobOutcome {
        let leaseFolder = JobLease.folder(forJournal: journal.path)
        guard let lease = try JobLease.acquire(jobID, in: leaseFolder) else {
            let summary = try? await journal.reader.summary(of: jobID)
            return .driven(by: summary?.driver)
        }
        let pid = getpid()
        do {
            try await journal.beginRun(jobID, pid: pid, now: Date())
            let outcome = try await drive(report: report)
            try? await journal.endRun(jobID, pid: pid)
            withExtendedLifetime(lease) {}
            return outcome
        } catch let error as JobJournalError where error.kind == .writeFailed {
            try? await journal.endRun(jobID, pid: pid)
            return .journalFailed(error.description)
        }
    }

    private func drive(report: @Sendable (JobRoundReport) -> Void) async throws -> JobOutcome {
        let prices = await Self.batchPrices(client)
        var state = RoundState()
        // Attempts left "sending" by an earlier process: it is gone (we hold the lease), so its
        // create either made a batch, which the list shows, or it did not.
        for attempt in try await journal.openAttempts(jobID) where attempt.phase == .sending {
            state.unknownSince[attempt.slot] = Date().addingTimeInterval(-Self.unknownGrace + 3)
        }
        var interval = Self.fastInterval
        while true {
            if shouldStop() { return .interrupted }
            let job = try await journal.job(jobID)
            if job.state == .stopped { return .stopped(reason: (try? await journal.reader.summary(of: jobID))?.stopReason ?? "stopped") }
            let roundStart = ContinuousClock.now
            var moved = false
            var waitingFor: String?
            var pause: Double = 0
            do {
                let walk = try await ListWalk.run(client, jobID: jobID)
                state.ownerLive = walk.ownerLive
                let settled = try await settle(job: job, walk: walk, state: &state)
                moved = settled.moved
                if job.cancelRequested {
                    try await journal.abandonUnsent(jobID, now: Date())
                } else {
                    // Slots freed by batches that just ended are filled before their results are
                    // read: 10 batches of 5,000 ending together take seconds to read, and the
                    // quota should not sit empty meanwhile.
                    if state.needsPlanning {
                        try await journal.planAttempts(jobID, now: Date())
                        state.needsPlanning = false
                    }
                    let sent = try await send(job: job, jobLive: settled.jobLive, state: &state)
                    moved = moved || sent.count > 0
                    waitingFor = sent.waitingFor
                    pause = sent.retryAfter ?? 0
                    if let refusal = sent.refusal {
                        try await journal.stop(jobID, reason: refusal, now: Date())
                        report(try await roundReport(state, waitingFor: nil))
                        return .stopped(reason: refusal)
                    }
                }
                for (index, (attempt, batchID)) in settled.ended.enumerated() {
                    if shouldStop() { return .interrupted }
                    // Reading results takes time; past the round's budget the rest wait for the
                    // next round, which first fills the slots those batches freed.
                    if index > 0, ContinuousClock.now - roundStart > Self.collectBudget { break }
                    try await collect(job: job, attempt: attempt, batchID: batchID, prices: prices)
                    moved = true
                }
                if !settled.ended.isEmpty, !job.cancelRequested {
                    // Their retries are planned now and sent next round. (Planning groups the
                    // waiting items, a scan of the job's items: only when results came in.)
                    try await journal.planAttempts(jobID, now: Date())
                }
            } catch let error as MeshError where Self.isRefusal(error) {
                let reason = Self.refusalReason(error, during: "listing batches")
                try await journal.stop(jobID, reason: reason, now: Date())
                return .stopped(reason: reason)
            } catch let error as MeshError {
                // The network, a 5xx, a timeout: ridden out, the journal keeps everything.
                waitingFor = "\(error.description); trying again"
                note("meshtop: \(error.description); trying again")
                interval = min(interval * 2, Self.slowInterval)
            }
            if try await !journal.hasWorkLeft(jobID) {
                let final = try await journal.finish(jobID, now: Date())
                report(try await roundReport(state, waitingFor: nil))
                return .finished(final)
            }
            report(try await roundReport(state, waitingFor: waitingFor))
            if moved || waitingFor == "waiting for a slot" {
                interval = Self.fastInterval
            } else {
                interval = min(interval * 1.5, Self.slowInterval)
            }
            // Rounds start `interval` apart (the time spent in this one counts), with a little
            // jitter so two runners on one key do not ask in step.
            let spent = (ContinuousClock.now - roundStart).inSeconds
            let wait = max(max(interval, pause) - spent, 0.2) + Double.random(in: 0...0.25)
            if try await sleep(seconds: wait) { return .interrupted }
        }
    }

    /// Sleeps in short steps so a stop request is seen at once; answers whether it was.
    private func sleep(seconds: Double) async throws -> Bool {
        let end = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < end {
            if shouldStop() { return true }
            try? await Task.sleep(for: min(.milliseconds(100), end - ContinuousClock.now))
        }
        return shouldStop()
    }

    private func roundReport(_ state: RoundState, waitingFor: String?) async throws -> JobRoundReport {
        JobRoundReport(summary: try await journal.reader.summary(of: jobID), ownerLive: state.ownerLive, waitingFor: waitingFor)
    }

    /// What the runner remembers between rounds.
    struct RoundState {
        var ownerLive = 0
        /// Attempts whose create got no clear answer, and since when.
        var unknownSince: [OpenAttempt.Slot: Date] = [:]
        var creates = 0
        /// Items may be waiting with no attempt planned (a start, a `jobs retry`).
        var needsPlanning = true
    }

    /// What `settle` found: whether anything changed, the job's batches still live (theirs count
    /// against `--slots`), and the batches that ended (or vanished from the list), to collect.
    struct Settled {
        var moved = false
        var jobLive = 0
        var ended: [(OpenAttempt, String)] = []
    }

    /// Brings the journal up to what the list shows: "sending" attempts found (or given up on),
    /// live batches' status noted, cancels sent for a cancelled job; the ended ones are listed.
    private func settle(job: JobRecord, walk: ListWalk, state: inout RoundState) async throws -> Settled {
        var settled = Settled()
        for attempt in try await journal.openAttempts(jobID) {
            switch attempt.phase {
            case .sending:
                if let batch = walk.ours[attempt.slot] {
                    try await journal.setPhase(jobID, attempt, to: .live, batchID: batch.id, status: batch.status?.rawValue, now: Date())
                    state.unknownSince[attempt.slot] = nil
                    settled.moved = true
                    if batch.isTerminal { settled.ended.append((attempt, batch.id)) } else { settled.jobLive += 1 }
                } else if Date().timeIntervalSince(state.unknownSince[attempt.slot] ?? .distantPast) > Self.unknownGrace {
                    // Never created: safe to send again.
                    try await journal.setPhase(jobID, attempt, to: .queued, now: Date())
                    state.unknownSince[attempt.slot] = nil
                    settled.moved = true
                } else {
                    settled.jobLive += 1
                }
            case .live:
                guard let batchID = attempt.batchID else { continue }
                let listed = walk.ours[attempt.slot]
                if let listed, !listed.isTerminal {
                    settled.jobLive += 1
                    if job.cancelRequested, listed.status != .cancelling {
                        _ = try? await client.cancelBatch(id: batchID)
                    }
                    try await journal.noteStatus(jobID, batchID: batchID, status: listed.status?.rawValue ?? "unknown",
                                                 completed: listed.requestCounts?.completed ?? 0,
                                                 failed: listed.requestCounts?.failed ?? 0)
                    continue
                }
                settled.ended.append((attempt, batchID))
            case .queued, .ended, .abandoned:
                continue
            }
        }
        return settled
    }

    /// One GET for a batch that ended (or is missing from the list): its results streamed into an
    /// unnamed spool file as they arrive (`getBatchSpooled`), then handed to the journal one text
    /// at a time, so 5,000 results never stand in memory as 5,000 JSON trees.
    private func collect(job: JobRecord, attempt: OpenAttempt, batchID: String, prices: [String: (Double, Double)]) async throws {
        let spool = ResultSpool(directory: (journal.path as NSString).deletingLastPathComponent)
        let spooled: SpooledBatch
        do {
            spooled = try await client.getBatchSpooled(id: batchID, into: spool)
        } catch let error as MeshError where error.status == 404 {
            // Gone (deleted, or another server): its items never ran, as far as anyone can tell.
            try await journal.finishAttempt(jobID, attempt, phase: .abandoned, status: "gone", completed: 0, failed: 0,
                                            results: [:], rule: job.settings.retryOn, jobCancelled: job.cancelRequested,
                                            maxAttempts: job.maxAttempts, costUSD: 0, now: Date())
            return
        }
        let batch = spooled.batch
        guard batch.isTerminal else { return }
        var results: [String: ReturnedResult] = [:]
        for item in spooled.items ?? [] {
            let text = String(decoding: try spool.read(item.span), as: UTF8.self)
            results[item.customID] = ReturnedResult(text: text, result: Self.skeleton(of: item))
        }
        var cost = 0.0
        if let price = prices[batch.model ?? attempt.model] ?? prices[attempt.model] {
            cost = Double(spooled.usage.promptTokens) * price.0 / 1e6 + Double(spooled.usage.completionTokens) * price.1 / 1e6
        }
        try await journal.finishAttempt(
            jobID, attempt, phase: .ended, status: batch.status?.rawValue, completed: batch.requestCounts?.completed ?? 0,
            failed: batch.requestCounts?.failed ?? 0, results: results, rule: job.settings.retryOn,
            jobCancelled: job.cancelRequested, maxAttempts: job.maxAttempts, costUSD: cost, now: Date())
    }

    /// A result with what the retry rule reads (outcome, status, error code) and no body.
    static func skeleton(of item: ItemSummary) -> BatchResult {
        switch item.outcome {
        case .notRun: return BatchResult(customID: item.customID, response: nil, error: item.error)
        case .succeeded, .failed:
            return BatchResult(customID: item.customID, response: ItemResponse(statusCode: item.statusCode ?? (item.outcome == .succeeded ? 200 : nil), body: nil),
                               error: item.outcome == .failed ? (item.error ?? ItemError(code: nil, message: nil)) : nil)
        }
    }

    struct SendRound {
        var count = 0
        var waitingFor: String?
        var retryAfter: Double?
        var refusal: String?
    }

    /// Creates queued attempts while the quota and the job's slots allow.
    private func send(job: JobRecord, jobLive: Int, state: inout RoundState) async throws -> SendRound {
        var round = SendRound()
        let open = try await journal.openAttempts(jobID)
        var jobLive = jobLive
        let ownerCap = SettingsLimits.ownerCap(job.settings)
        for attempt in open where attempt.phase == .queued {
            if shouldStop() { break }
            guard state.ownerLive < ownerCap, jobLive < job.settings.slots else {
                round.waitingFor = "waiting for a slot"
                break
            }
            try await journal.setPhase(jobID, attempt, to: .sending, now: Date())
            let body = try await journal.createBody(jobID, attempt, settings: job.settings)
            do {
                let batch = try await client.createBatchRaw(body: body).value
                state.creates += 1
                fault.createAnswered(count: state.creates)
                try await journal.setPhase(jobID, attempt, to: .live, batchID: batch.id, status: batch.status?.rawValue, now: Date())
                state.ownerLive += 1
                jobLive += 1
                round.count += 1
            } catch let error as MeshError where error.code == "batch_limit_exceeded" || error.status == 429 {
                // The quota is a queue: someone else took the slot. Nothing was created.
                try await journal.setPhase(jobID, attempt, to: .queued, now: Date())
                round.waitingFor = "waiting for a slot"
                round.retryAfter = error.retryAfter
                break
            } catch let error as MeshError where Self.isRefusal(error) {
                try await journal.setPhase(jobID, attempt, to: .queued, now: Date())
                round.refusal = Self.refusalReason(error, during: "creating chunk \(attempt.chunk) (\(attempt.model))")
                break
            } catch let error as MeshError {
                // No answer, or a 5xx: a batch may exist. The next list walks look for it by its
                // metadata before it is sent again.
                state.unknownSince[attempt.slot] = Date()
                round.waitingFor = "\(error.description); looking for the batch before sending again"
                note("meshtop: chunk \(attempt.chunk) attempt \(attempt.number): \(error.description); looking for it before sending again")
                break
            }
        }
        return round
    }

    /// A refusal that waiting will not fix: a wrong key, no access, an unknown model, a request the
    /// server will not take, or a provider without batch.
    static func isRefusal(_ error: MeshError) -> Bool {
        guard error.kind == .api, let status = error.status else { return false }
        return [400, 401, 402, 403, 404, 413, 422, 501].contains(status)
    }

    static func refusalReason(_ error: MeshError, during what: String) -> String {
        let check: String
        switch error.status ?? 0 {
        case 401: check = "check the key (MESH_API_KEY or the profile's key)"
        case 403: check = "check that the key may create batches"
        case 402: check = "check the account's spend limit"
        case 404: check = error.code == "model_not_found" ? "check the model names in the input" : "check --base-url"
        case 422, 400, 413: check = "check the input lines"
        case 501: check = "the model's provider does not support batch; use another model"
        default: check = "check the server's message"
        }
        return "\(what) was refused: \(error.description); \(check), then `meshtop jobs resume`"
    }

    /// Batch prices per model (USD per token, input and output), for the cost estimate; empty when
    /// the catalog cannot be read (the cost then stays 0).
    static func batchPrices(_ client: MeshClient) async -> [String: (Double, Double)] {
        guard let models = try? await client.listModels() else { return [:] }
        var prices: [String: (Double, Double)] = [:]
        for model in models {
            let input = model.pricing?.batchInputUSDPer1M.flatMap(Double.init) ?? model.pricing?.promptUSDPer1M.flatMap(Double.init)
            let output = model.pricing?.batchOutputUSDPer1M.flatMap(Double.init) ?? model.pricing?.completionUSDPer1M.flatMap(Double.init)
            if let input, let output { prices[model.id] = (input, output) }
        }
        return prices
    }

}
