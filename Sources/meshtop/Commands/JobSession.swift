import ArgumentParser
import Foundation
import MeshAPI
import MeshConfig
import MeshJobs

/// What the `jobs` commands share: the journal opened (or refused with its reason, exit 2), and a
/// job driven in the foreground with its progress line, Ctrl-C, and the documented exit codes.
enum JobSession {
    static func openJournal() throws -> JobJournal {
        do {
            return try JobJournal.open(at: JobJournal.defaultPath())
        } catch let error as JobJournalError {
            throw CommandFailure.usage(error.description).report()
        }
    }

    static func openReader() throws -> JobJournalReader? {
        do {
            return try JobJournalReader.open(at: JobJournal.defaultPath())
        } catch let error as JobJournalError {
            throw CommandFailure.usage(error.description).report()
        }
    }

    /// The journal, the full id of the job `job` names, and the job as it stands.
    static func openJob(_ job: String) async throws -> (JobJournal, String, JobSummary) {
        let journal = try openJournal()
        let id = try await resolve(journal, job)
        return (journal, id, try await journal.reader.summary(of: id))
    }

    /// "finished with failures".
    static func stateWords(_ state: JobState) -> String { state.rawValue.replacingOccurrences(of: "_", with: " ") }

    static func resolve(_ journal: JobJournal, _ job: String) async throws -> String {
        do {
            return try await journal.resolveJob(job)
        } catch let error as JobJournalError {
            throw CommandFailure.usage(error.description).report()
        }
    }

    /// Drives `jobID` until it ends, is stopped, or Ctrl-C (`interrupts`, listening since the
    /// command started); exits with the job's code (returns only on success).
    static func drive(_ journal: JobJournal, jobID: String, client options: ClientOptions,
                      interrupts: JobInterrupts) async throws {
        let progress = JobProgressLine()
        interrupts.startDriving()

        var outcome: JobOutcome = .interrupted
        try await ClientSession.run(options) { client in
            let runner = JobRunner(journal: journal, client: client, jobID: jobID, shouldStop: { interrupts.isRequested },
                                   note: { progress.note($0) })
            outcome = try await runner.run { progress.show($0) }
        }
        progress.close()
        let summary = try? await journal.reader.summary(of: jobID)
        switch outcome {
        case .finished(let state):
            if let summary { progress.show(JobRoundReport(summary: summary, ownerLive: 0, waitingFor: nil), final: true) }
            switch state {
            case .completed:
                OutputTerminal.errorLine("job \(jobID) completed: every item succeeded (`meshtop jobs results \(jobID)`)")
            case .finishedWithFailures:
                OutputTerminal.errorLine("job \(jobID) finished: \(summary?.failedForGood ?? 0) item(s) failed for good (`meshtop jobs results \(jobID) --failed`; `meshtop jobs retry \(jobID)` tries them once more)")
            case .cancelled:
                OutputTerminal.errorLine("job \(jobID) cancelled")
            default: break
            }
            let code = JobExit.code(for: state)
            if code != 0 { throw ExitCode(code) }
        case .stopped(let reason):
            OutputTerminal.errorLine("error: job \(jobID) stopped: \(reason)")
            throw ExitCode(JobExit.stopped)
        case .interrupted:
            OutputTerminal.errorLine("stopped driving job \(jobID); batches already sent keep running. Continue with `meshtop jobs resume \(jobID)`")
            throw ExitCode(JobExit.interrupted)
        case .driven(let driver):
            throw CommandFailure.exit(JobExit.drivenElsewhere).report(message: drivenMessage(jobID, driver))
        case .journalFailed(let message):
            OutputTerminal.errorLine("error: \(message). Nothing is lost: batches already sent keep running; free space, then `meshtop jobs resume \(jobID)`")
            throw ExitCode(JobExit.journalFailed)
        }
    }

    static func drivenMessage(_ jobID: String, _ driver: JobDriver?) -> String {
        guard let driver else { return "job \(jobID) is being driven by another process" }
        return "job \(jobID) is being driven by process \(driver.pid) since \(timestamp(driver.since)); stop that one first (Ctrl-C in its terminal, or kill \(driver.pid))"
    }

    /// "2026-12-02 06:12:09 UTC".
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }
}
