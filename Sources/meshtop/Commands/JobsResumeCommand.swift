import ArgumentParser
import MeshJobs

/// `meshtop jobs resume JOB`: drives a job again from the journal alone.
struct JobsResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a job after Ctrl-C, kill -9, a reboot or a fix, from the journal alone.",
        discussion: """
            The input file is not needed (the journal holds every request). A batch whose create was \
            sent but not recorded is found among the owner's batches by its metadata, never sent again. \
            A job driven by a live process is refused with that process's id; one whose process is gone \
            is taken over at once. Exit codes: see `meshtop jobs --help`.
            """
    )

    @Argument(help: "The job's id (or a unique prefix of it, or its name).") var job: String
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let interrupts = JobInterrupts()
        let (journal, id, summary) = try await JobSession.openJob(job)
        if summary.state.isFinal {
            OutputTerminal.errorLine("job \(id) is \(JobSession.stateWords(summary.state)); nothing to resume (`meshtop jobs retry \(id)` tries its failed items once more)")
            let code = JobExit.code(for: summary.state)
            if code != 0 { throw ExitCode(code) }
            return
        }
        try await JobSession.drive(journal, jobID: id, client: client, interrupts: interrupts)
    }
}
