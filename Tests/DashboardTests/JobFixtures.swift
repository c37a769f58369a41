import Foundation
import MeshAPI
@testable import Dashboard

/// Jobs as the journal reader hands them to the dashboard: one of each state, and the chunks of a
/// job with an ended attempt, a live retry, one being sent and a chunk not yet planned.
enum JobFixtures {
    typealias F = Fixtures

    static let evals = JobSummary(
        id: "job_01nightlyevals000000000000", name: "nightly evals", state: .running, createdAt: F.at(-900),
        updatedAt: F.at(-1), total: 200_000, succeeded: 81_234, failedForGood: 312, waitingToRetry: 1_450,
        liveBatches: 7, queuedBatches: 12, slots: 8, costUSD: 14.37, driver: JobDriver(pid: 4242, since: F.at(-720)),
        doneThisRun: 60_000, runStartedAt: F.at(-720))
    static let triage = JobSummary(
        id: "job_01supporttriage00000000000", name: "support triage", state: .running, createdAt: F.at(-3_000),
        updatedAt: F.at(-2_000), total: 3_000, succeeded: 1_200, failedForGood: 0, waitingToRetry: 40,
        liveBatches: 2, queuedBatches: 1, slots: 4, costUSD: 0.42)
    static let deck = JobSummary(
        id: "job_01q2earningsdeck0000000000", name: "Q2 earnings deck", state: .stopped, createdAt: F.at(-5_000),
        updatedAt: F.at(-4_000), total: 1_000, succeeded: 0, failedForGood: 0, waitingToRetry: 0,
        liveBatches: 0, queuedBatches: 2, slots: 10, costUSD: 0,
        stopReason: "401 unauthorized: the key was refused; fix MESH_API_KEY, then meshtop jobs resume")
    static let translations = JobSummary(
        id: "job_01translations00000000000", name: "translations", state: .completed, createdAt: F.at(-9_000),
        updatedAt: F.at(-8_000), total: 5_000, succeeded: 5_000, failedForGood: 0, waitingToRetry: 0,
        liveBatches: 0, queuedBatches: 0, slots: 10, costUSD: 1.05)
    static let mixed = JobSummary(
        id: "job_01mixedmodels000000000000", name: "mixed models", state: .finishedWithFailures, createdAt: F.at(-10_000),
        updatedAt: F.at(-9_500), total: 3_000, succeeded: 2_700, failedForGood: 300, waitingToRetry: 0,
        liveBatches: 0, queuedBatches: 0, slots: 10, costUSD: 0.77)
    static let old = JobSummary(
        id: "job_01oldrun00000000000000000", name: "old run", state: .cancelled, createdAt: F.at(-20_000),
        updatedAt: F.at(-19_000), total: 1_000, succeeded: 400, failedForGood: 0, waitingToRetry: 0,
        liveBatches: 0, queuedBatches: 0, slots: 10, costUSD: 0.10)

    static let all = [evals, triage, deck, translations, mixed, old]

    static func names(_ jobs: [JobSummary]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: jobs.map { ($0.id, $0.name) })
    }

    /// Chunks of `evals`: chunk 1 ended with a live retry of batch 1 (in the mirror), chunk 2 sending, chunk 3 not planned.
    static var chunks: [JobChunk] {
        [
            JobChunk(number: 1, model: "openai/gpt-4o-mini", itemCount: 50_000, attempts: [
                JobAttempt(number: 1, phase: .ended, batchID: "batch_01JD000002XYZ", status: "completed", itemCount: 50_000,
                           completed: 49_000, failed: 1_000, sentAt: F.at(-700), endedAt: F.at(-300)),
                JobAttempt(number: 2, phase: .live, batchID: F.batch(1).id, status: "in_progress", itemCount: 1_000,
                           completed: 0, failed: 0, sentAt: F.at(-200), endedAt: nil),
            ]),
            JobChunk(number: 2, model: "anthropic/claude-haiku-4.5", itemCount: 50_000, attempts: [
                JobAttempt(number: 1, phase: .sending, batchID: nil, status: nil, itemCount: 50_000, completed: 0, failed: 0,
                           sentAt: nil, endedAt: nil),
            ]),
            JobChunk(number: 3, model: "openai/gpt-4o-mini", itemCount: 100_000, attempts: []),
        ]
    }

    /// The batch list with batch 1 in it, the Jobs screen open and read at t0 + 1.
    static var jobsOpen: DashboardState {
        var state = F.loaded([F.batch(1), F.batch(2, status: .completed, total: 50_000, completed: 49_000, failed: 1_000)])
        _ = reduce(&state, .key(.character("J")))
        _ = reduce(&state, .jobsLoaded(all, chunks: nil, of: nil, journalExists: true, at: F.at(1)))
        return state
    }

    /// `evals` opened, its chunks read.
    static var evalsOpen: DashboardState {
        var state = jobsOpen
        _ = reduce(&state, .key(.enter))
        _ = reduce(&state, .jobsLoaded(all, chunks: chunks, of: evals.id, journalExists: true, at: F.at(2)))
        return state
    }
}
