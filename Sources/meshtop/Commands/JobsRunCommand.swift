import ArgumentParser
import Foundation
import MeshAPI
import MeshConfig
import MeshJobs

/// `meshtop jobs run FILE.jsonl`: checks the file, journals the job, prints its id, drives it to the end.
struct JobsRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a JSONL file of any size as a job, in the foreground, until every item has a result.",
        discussion: """
            The whole file is checked first, as `batches create` checks it (valid JSON on every line, unique \
            custom ids; CR LF line ends are fine); an error names the line and nothing is sent. The job's id is \
            printed on stdout as soon as the job is made, so `JOB=$(meshtop jobs run f.jsonl | head -1)` works. \
            Progress goes to stderr: one live line on a terminal, a plain line every 30 s otherwise.

            Items are retried (in new batches, up to --retries rounds) when their result is a 429, a 5xx, a \
            timeout or upstream_error, or they never ran (the batch expired, or was cancelled by someone else); \
            other 4xx are final. --retry-on failed retries any failure; --retry-on 429,500,timeout lists codes.

            Ctrl-C stops driving (batches already sent keep running) and says how to resume. \
            Exit codes: see `meshtop jobs --help` (0 every item succeeded, 4 some failed for good).
            """
    )

    @Argument(help: ArgumentHelp("The requests, one JSON object a line; - reads them from stdin.", valueName: "file.jsonl"))
    var file: String

    @Option(help: "A name to know the job by (default: the file's name).") var name: String?
    @Option(name: .customLong("batch-size"), help: "Items per batch (at most 50,000).") var batchSize = JobSettings.defaultBatchSize
    @Option(help: "The most batches this job holds at once (1-10).") var slots = JobSettings.ownerLimit
    @Option(help: "Slots of the owner's 10 to leave free for others.") var reserve = 0
    @Option(help: "Retry rounds for items that failed for a passing reason.") var retries = 3
    @Option(name: .customLong("retry-on"), help: ArgumentHelp("retryable, failed, or a comma-separated list of statuses and codes.", valueName: "what"))
    var retryOn = "retryable"
    @Option(name: .customLong("completion-window"), help: ArgumentHelp("Completion window of each batch, such as 24h.", valueName: "duration"))
    var completionWindow = "24h"
    @Option(name: .customLong("metadata"), help: ArgumentHelp("A metadata entry for every batch; repeat for more (at most 13).", valueName: "key=value"))
    var metadata: [String] = []

    @OptionGroup var client: ClientOptions

    func run() async throws {
        let interrupts = JobInterrupts(earlyMessage: "meshtop: interrupted before the job was driven; nothing was sent")
        let settings = try JobsRunCommand.settings(
            batchSize: batchSize, slots: slots, reserve: reserve, retries: retries, retryOn: retryOn,
            completionWindow: completionWindow, metadata: metadata)
        // The key and server are resolved before the file is read, so a missing key costs nothing.
        do { _ = try client.resolveConnection() } catch let error as ConfigError {
            throw CommandFailure.usage(error.message).report()
        }
        let input: FileHandle
        if file == "-" {
            input = FileHandle.standardInput
        } else {
            guard let handle = FileHandle(forReadingAtPath: file) else {
                throw ClientSession.fail(.usage("cannot read \(file): \(BatchesCreateCommand.whyUnreadable(file)); nothing was sent"))
            }
            input = handle
        }
        let source = file == "-" ? "stdin" : file
        let journal = try JobSession.openJournal()
        let planned: PlannedJob
        do {
            planned = try journal.createJob(name: name, settings: settings, input: input, inputName: source)
        } catch let error as BatchInputError {
            throw ClientSession.fail(.usage("\(source): \(error.description); nothing was sent"))
        } catch let error as JobJournalError {
            throw CommandFailure.exit(JobExit.journalFailed).report(message: error.description)
        }
        OutputTerminal.outputLine(planned.id)
        let models = planned.models.map { "\($0.name) \(JobProgressLine.count($0.items))" }.joined(separator: ", ")
        OutputTerminal.errorLine("job \(planned.id): \(JobProgressLine.count(planned.items)) items in \(planned.chunks) batch(es) (\(models))")
        try await JobSession.drive(journal, jobID: planned.id, client: client, interrupts: interrupts)
    }

    /// The flags checked and turned into settings (shared with nothing else, but kept apart so the
    /// checks read as a list).
    static func settings(batchSize: Int, slots: Int, reserve: Int, retries: Int, retryOn: String,
                         completionWindow: String, metadata: [String]) throws -> JobSettings {
        guard (1...JobSettings.maxBatchSize).contains(batchSize) else {
            throw ClientSession.fail(.usage("--batch-size must be within 1...\(JobSettings.maxBatchSize)"))
        }
        guard (1...JobSettings.ownerLimit).contains(slots) else {
            throw ClientSession.fail(.usage("--slots must be within 1...\(JobSettings.ownerLimit)"))
        }
        guard (0..<JobSettings.ownerLimit).contains(reserve) else {
            throw ClientSession.fail(.usage("--reserve must be within 0...\(JobSettings.ownerLimit - 1)"))
        }
        guard (0...100).contains(retries) else { throw ClientSession.fail(.usage("--retries must be within 0...100")) }
        guard let rule = RetryRule.parse(retryOn) else {
            throw ClientSession.fail(.usage("--retry-on \"\(retryOn)\" is not retryable, failed, or a list of codes"))
        }
        guard completionWindow.range(of: #"^[0-9]+[smhd]$"#, options: .regularExpression) != nil else {
            throw ClientSession.fail(.usage("--completion-window \"\(completionWindow)\" is not a duration such as 24h"))
        }
        let entries = try parseMetadata(metadata)
        if let problem = JobMetadata.problem(with: entries) { throw ClientSession.fail(.usage(problem)) }
        return JobSettings(batchSize: batchSize, slots: slots, reserve: reserve, retries: retries, retryOn: rule,
                           completionWindow: completionWindow, metadata: entries)
    }

    static func parseMetadata(_ metadata: [String]) throws -> [String: String] {
        var entries: [String: String] = [:]
        for entry in metadata {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw ClientSession.fail(.usage("--metadata \"\(entry)\" is not key=value"))
            }
            entries[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        return entries
    }
}
