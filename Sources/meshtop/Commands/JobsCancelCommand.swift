import ArgumentParser
import MeshAPI
import MeshJobs

/// `meshtop jobs cancel JOB`: cancels the job's live batches and sends nothing more.
struct JobsCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a job: its live batches are cancelled, nothing more is sent.",
        discussion: """
            Items that finished keep their results; the rest end as batch_cancelled or job_cancelled. When \
            another process drives the job, the batches are cancelled from here and that process ends the job; \
            otherwise this command waits for the cancelled batches to end and collects their results. \
            Exit codes: 5 when the job ends cancelled; see `meshtop jobs --help`.
            """
    )

    @Argument(help: "The job's id (or a unique prefix of it, or its name).") var job: String
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let interrupts = JobInterrupts()
        let (journal, id, summary) = try await JobSession.openJob(job)
        if summary.state.isFinal {
            OutputTerminal.errorLine("job \(id) is already \(JobSession.stateWords(summary.state))")
            return
        }
        try await journal.requestCancel(id)
        if let driver = summary.driver {
            // Cancel now rather than at that runner's next round, which may be seconds away.
            let live = try await journal.reader.chunks(of: id).flatMap(\.attempts).filter { $0.phase == .live }.compactMap(\.batchID)
            try await ClientSession.run(client) { api in
                for batchID in live { _ = try? await api.cancelBatch(id: batchID) }
            }
            OutputTerminal.errorLine("job \(id): \(live.count) live batch(es) cancelled; process \(driver.pid), which drives the job, ends it")
            return
        }
        try await JobSession.drive(journal, jobID: id, client: client, interrupts: interrupts)
    }
}
