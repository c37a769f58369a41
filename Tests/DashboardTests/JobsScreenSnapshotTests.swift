import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// The Jobs screen at the four sizes: the list of jobs in every state, a stopped job's reason,
/// an opened job's chunks and attempts, and an empty journal.
@Suite struct JobsScreenSnapshotTests {
    typealias J = JobFixtures
    let snapshots = SnapshotTests()

    @Test func listOfJobs() throws {
        try snapshots.assertEverySize(J.jobsOpen, "jobs")
    }

    @Test func stoppedJobSaysWhy() throws {
        var state = J.jobsOpen
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.down))
        try snapshots.assertEverySize(state, "jobs-stopped")
    }

    @Test func openedJobShowsChunksAndAttempts() throws {
        try snapshots.assertEverySize(J.evalsOpen, "jobs-chunks")
    }

    @Test func noJournalYet() throws {
        var state = Fixtures.loaded([Fixtures.batch(1)])
        _ = reduce(&state, .key(.character("J")))
        _ = reduce(&state, .jobsLoaded([], chunks: nil, of: nil, journalExists: false, at: Fixtures.at(1)))
        try snapshots.assertEverySize(state, "jobs-empty")
    }

    @Test func unreadableJournalKeepsTheLastJobs() throws {
        var state = J.jobsOpen
        _ = reduce(&state, .tick(now: Fixtures.at(3)))
        _ = reduce(&state, .jobsFailed(reason: "the job journal could not be read: database is locked", at: Fixtures.at(3)))
        try snapshots.assertSnapshot(state, "jobs-failed", width: 120, height: 40)
    }

    /// The batch list with the quota full: a job's batches read as the job (its retry as a second
    /// try), a `batches retry` batch as what it retries, and the header says when a slot is likely to free.
    @Test func listNamesJobBatchesAndTheNextSlot() throws {
        typealias F = Fixtures
        func batches(done: Int) -> [Batch] {
            (1...10).map { n in
                var batch = F.batch(n, total: 1_000, completed: done * n / 10 + 5 * n)
                if n == 10 { batch.metadata = ["meshtop_job": .string(J.evals.id), "meshtop_chunk": .string("1"), "meshtop_attempt": .string("1")] }
                if n == 9 { batch.metadata = ["meshtop_job": .string(J.evals.id), "meshtop_chunk": .string("2"), "meshtop_attempt": .string("2")] }
                if n == 8 { batch.metadata = ["meshtop_job": .string("job_01notinthisjournal00000000")] }
                if n == 7 { batch.metadata = ["retry_of": .string("batch_01JD000002XYZ")] }
                return batch
            }
        }
        var state = F.loaded(batches(done: 100))
        _ = reduce(&state, .listPageLoaded(F.page(batches(done: 400)), at: F.at(10), epoch: state.poll.epoch))
        _ = reduce(&state, .jobsLoaded(J.all, chunks: nil, of: nil, journalExists: true, at: F.at(10)))
        try snapshots.assertEverySize(state, "list-jobs-full")
    }
}
