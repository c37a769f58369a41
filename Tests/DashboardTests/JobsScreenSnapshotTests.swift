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
}
