import ArgumentParser
import Foundation
import MeshAPI
import MeshJobs

/// `meshtop batches retry BATCH --from FILE.jsonl`: a new batch with a finished batch's failed items.
struct BatchesRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Create a new batch from the items of a finished batch that failed, taken from its input file.",
        discussion: """
            Which items: --retryable (the default: a 429, a 5xx, a timeout or upstream_error, or never ran), \
            --code CODE (an HTTP status such as 500, or an error code such as rate_limit_exceeded), or \
            --not-run (expired or cancelled before they ran). An item of the file the batch has no result for \
            counts as never run. The new batch carries metadata retry_of=BATCH; its id is printed on stdout. \
            (For a job, `meshtop jobs retry JOB` does this from the journal.)

            Example:
              NEW=$(meshtop batches retry batch_01jd5k3f8q --from requests.jsonl --code 500)

            Exit codes: 0 ok (nothing to retry is said on stderr, with no id), 1 API error, 2 usage error, 3 network error.
            """
    )

    @Argument(help: "The batch to retry (terminal).") var batch: String
    @Option(help: ArgumentHelp("The batch's input file (JSONL).", valueName: "file.jsonl")) var from: String
    @Flag(help: "Items that failed for a passing reason or never ran (the default).") var retryable = false
    @Option(help: ArgumentHelp("Items whose result has this HTTP status or error code.", valueName: "code")) var code: String?
    @Flag(name: .customLong("not-run"), help: "Items that never ran (batch expired or cancelled).") var notRun = false
    @Option(name: .customLong("metadata"), help: ArgumentHelp("A metadata entry; repeat for more.", valueName: "key=value"))
    var metadata: [String] = []
    @Option(help: ArgumentHelp("Completion window, such as 24h.", valueName: "duration")) var window = "24h"
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let selectors = [retryable, code != nil, notRun].filter { $0 }.count
        guard selectors <= 1 else { throw ClientSession.fail(.usage("give one of --retryable, --code and --not-run")) }
        var entries = try JobsRunCommand.parseMetadata(metadata)
        if let problem = JobMetadata.problem(with: entries, reservedKeys: 1) { throw ClientSession.fail(.usage(problem)) }
        entries[JobMetadataKey.retryOf] = batch
        guard let input = FileHandle(forReadingAtPath: from) else {
            throw ClientSession.fail(.usage("cannot read \(from): \(BatchesCreateCommand.whyUnreadable(from)); nothing was sent"))
        }
        try await ClientSession.run(client) { api in
            let original = try await api.getBatch(id: batch)
            guard original.isTerminal, let results = original.results else {
                throw CommandFailure.api("batch \(original.id) has not ended (status \(original.status?.rawValue ?? "unknown")); `meshtop batches wait \(original.id)` waits for it")
            }
            var resultOf: [String: BatchResult] = [:]
            for result in results { resultOf[result.customID] = result }
            let select: (BatchResult?) -> Bool = { result in
                if let code {
                    guard let result, result.outcome != .succeeded else { return false }
                    return result.effectiveError?.code == code || result.response?.statusCode.map(String.init) == code
                }
                if notRun { return result == nil || result?.outcome == .notRun }
                return RetryRule.retryable.shouldRetry(result, jobCancelled: false)
            }
            var reader = BatchInputReader(oneModel: true, maxRequests: BatchInputFile.maxRequests, keepsValues: false)
            var lines: [String] = []
            do {
                try reader.read(input) { line in
                    if select(resultOf[line.customID]) { lines.append(line.text) }
                }
            } catch let error as BatchInputError {
                throw CommandFailure.usage("\(from): \(error.description); nothing was sent")
            }
            guard !lines.isEmpty else {
                OutputTerminal.errorLine("nothing to retry: no item of \(original.id) in \(from) matches")
                return
            }
            let body = SplicedCreateBody.make(requestLines: lines, completionWindow: window, metadata: entries)
            let created = try await api.createBatchRaw(body: body).value
            OutputTerminal.outputLine(created.id)
            OutputTerminal.errorLine("\(lines.count) item(s) of \(original.id) sent again as \(created.id)")
        }
    }
}
