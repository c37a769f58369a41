import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// `J`: the Jobs screen asks the runtime for the journal (never reads it itself), at most every
/// 2 s and one read at a time; Enter opens a job's chunks and, on an attempt, its batch's items;
/// Esc walks back the same way. A failed read keeps the last jobs.
@Suite struct JobsScreenReducerTests {
    typealias F = Fixtures
    typealias J = JobFixtures

    @Test func readsTheJournalGentlyOpensAJobAndItsBatchAndWalksBack() {
        var store = ReducerStore(F.loaded([F.batch(1)]))
        var jobs = JobsScreen()
        jobs.asking = true
        jobs.askedAt = F.t0
        store.send(.key(.character("J")), [.journal(JournalRead())]) { $0.route = .jobs(jobs) }
        // Under way: a tick asks nothing more.
        store.send(.tick(now: F.at(1)), []) { $0.now = F.at(1) }
        jobs.asking = false
        jobs.jobs = J.all
        jobs.reading = .read(at: F.at(1))
        jobs.scroll = .selecting(selected: 0)
        store.send(.jobsLoaded(J.all, chunks: nil, of: nil, journalExists: true, at: F.at(1)), []) {
            $0.jobNames = J.names(J.all)
            $0.route = .jobs(jobs)
        }
        // Within 2 s of the last ask nothing; at 2 s the next read.
        store.send(.tick(now: F.at(1.5)), []) { $0.now = F.at(1.5) }
        jobs.asking = true
        jobs.askedAt = F.at(2)
        store.send(.tick(now: F.at(2)), [.journal(JournalRead())]) {
            $0.now = F.at(2)
            $0.route = .jobs(jobs)
        }
        // The jobs come back in another order: the selection stays on the same job.
        jobs.asking = false
        jobs.jobs = [J.triage, J.evals]
        jobs.reading = .read(at: F.at(2))
        jobs.scroll = .selecting(selected: 1)
        store.send(.jobsLoaded([J.triage, J.evals], chunks: nil, of: nil, journalExists: true, at: F.at(2)), []) {
            $0.jobNames = J.names([J.triage, J.evals])
            $0.route = .jobs(jobs)
        }
        // Enter opens the job and reads its chunks at once.
        jobs.opened = OpenedJob(id: J.evals.id)
        jobs.asking = true
        store.send(.key(.enter), [.journal(JournalRead(chunksOf: J.evals.id))]) { $0.route = .jobs(jobs) }
        jobs.asking = false
        jobs.reading = .read(at: F.at(3))
        jobs.opened?.update(J.chunks)
        store.send(.jobsLoaded([J.triage, J.evals], chunks: J.chunks, of: J.evals.id, journalExists: true, at: F.at(3)), []) {
            $0.now = F.at(3)
            $0.route = .jobs(jobs)
        }
        #expect(jobs.opened?.rows.count == 4)
        #expect(jobs.opened?.scroll.selected == 0)
        // Attempt 1's batch is not in the list's pages: it says so rather than open an empty screen.
        store.send(.key(.enter), []) {
            $0.message = StatusMessage("batch_01JD000002XYZ is not in the batch list (an older batch): meshtop batches results batch_01JD000002XYZ",
                                       at: F.at(3))
        }
        // Attempt 2 (a live retry, batch 1) opens that batch's items.
        jobs.opened?.scroll.selected = 1
        store.send(.key(.down), []) { $0.route = .jobs(jobs) }
        store.skip(.key(.enter))
        #expect(store.state.itemsScreen?.batchID == F.batch(1).id)
        #expect(store.state.itemsScreen?.returnsTo == jobs)
        // Esc: back to the attempts as they were, then to the jobs, then to the list.
        store.send(.key(.escape), []) { $0.route = .jobs(jobs) }
        let attempts = jobs
        jobs.opened = nil
        store.send(.key(.escape), []) { $0.route = .jobs(jobs) }
        #expect(attempts.opened?.scroll.selected == 1)
        store.send(.key(.escape), []) { $0.route = .list }
    }

    @Test func enterOnAnAttemptWithoutABatchSaysWhy() {
        var store = ReducerStore(J.evalsOpen)
        guard case .jobs(var jobs) = store.state.route else {
            Issue.record("not on the Jobs screen")
            return
        }
        jobs.opened?.scroll.selected = 1
        store.send(.key(.down), []) { $0.route = .jobs(jobs) }
        store.send(.key(.down), []) {
            jobs.opened?.scroll.selected = 2
            $0.route = .jobs(jobs)
        }
        store.send(.key(.enter), []) { $0.message = StatusMessage("attempt 1 has no batch yet (sending)", at: F.at(2)) }
        jobs.opened?.scroll.selected = 3
        store.send(.key(.down), []) { $0.route = .jobs(jobs) }
        store.send(.key(.enter), []) { $0.message = StatusMessage("this chunk has no attempt yet", at: F.at(2)) }
    }

    @Test func aFailedReadKeepsTheLastJobsAndNoJournalIsNotAnError() {
        var store = ReducerStore(J.jobsOpen)
        guard case .jobs(var jobs) = store.state.route else {
            Issue.record("not on the Jobs screen")
            return
        }
        jobs.asking = true
        jobs.askedAt = F.at(3)
        store.send(.tick(now: F.at(3)), [.journal(JournalRead())]) {
            $0.now = F.at(3)
            $0.route = .jobs(jobs)
        }
        jobs.asking = false
        jobs.reading = .failed(reason: "database is locked", at: F.at(4))
        store.send(.jobsFailed(reason: "database is locked", at: F.at(4)), []) {
            $0.now = F.at(4)
            $0.route = .jobs(jobs)
        }
        #expect(jobs.jobs == J.all)
        // The journal went away (a new state folder): an empty screen that says so.
        jobs.asking = true
        jobs.askedAt = F.at(6)
        store.send(.tick(now: F.at(6)), [.journal(JournalRead())]) {
            $0.now = F.at(6)
            $0.route = .jobs(jobs)
        }
        jobs.asking = false
        jobs.jobs = []
        jobs.reading = .noJournal
        jobs.scroll.settle(count: 0)
        store.send(.jobsLoaded([], chunks: nil, of: nil, journalExists: false, at: F.at(6)), []) {
            $0.jobNames = [:]
            $0.route = .jobs(jobs)
        }
        store.send(.key(.enter), []) { $0.message = StatusMessage("no job selected", at: F.at(6)) }
    }

    /// Off the Jobs screen a read (the runtime's, on the poll timer) only names the jobs for the list.
    @Test func anAnswerOffTheJobsScreenOnlyNamesTheJobs() {
        var store = ReducerStore(F.loaded([F.batch(1)]))
        store.send(.jobsLoaded(J.all, chunks: nil, of: nil, journalExists: true, at: F.at(1)), []) {
            $0.now = F.at(1)
            $0.jobNames = J.names(J.all)
        }
        store.send(.tick(now: F.at(5)), []) { $0.now = F.at(5) }
    }
}
