import ArgumentParser
import MeshJobs

/// `meshtop jobs retry JOB`: one more round over the items that failed for good.
struct JobsRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Give a job's items that failed for good one more attempt, and drive it to the end.",
        discussion: "The new attempts are built from the journaled requests. Exit codes: see `meshtop jobs --help`."
    )

    @Argument(help: "The job's id (or a unique prefix of it, or its name).") var job: String
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let interrupts = JobInterrupts()
        let journal = try JobSession.openJournal()
        let id = try await JobSession.resolve(journal, job)
        let reopened = try await journal.reopenFailed(id)
        guard reopened > 0 else {
            OutputTerminal.errorLine("job \(id) has no items that failed for good; nothing to retry")
            return
        }
        OutputTerminal.errorLine("job \(id): \(reopened) item(s) get one more attempt")
        try await JobSession.drive(journal, jobID: id, client: client, interrupts: interrupts)
    }
}
