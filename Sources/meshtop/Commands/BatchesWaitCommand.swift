import ArgumentParser
import Foundation
import MeshAPI

/// `meshtop batches wait ID`: polls until the batch is terminal; the exit code is the outcome.
struct BatchesWaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Wait until a batch is terminal; the exit code tells how it ended.",
        discussion: """
            Exit codes: 0 completed, 4 failed, 5 expired, 6 cancelled, 7 still running when --timeout \
            passed; and as everywhere, 1 API error, 2 usage error, 3 network error. A progress line is \
            shown on a terminal (stderr); the final status is printed on stdout.

            Example:
              meshtop batches wait batch_01jd5k3f8q --interval 30 --timeout 3600
            """
    )

    @Argument(help: "The batch id.") var id: String

    @Option(help: ArgumentHelp("Seconds between polls (Mesh's guidance is 30-60 per batch).", valueName: "seconds"))
    var interval: Double = 30

    @Option(help: ArgumentHelp("Give up after this many seconds (exit 7). Default: wait as long as it takes.", valueName: "seconds"))
    var timeout: Double?

    @OptionGroup var client: ClientOptions

    func validate() throws {
        guard interval > 0 else { throw ClientSession.fail(.usage("--interval must be positive")) }
        if let timeout, timeout <= 0 { throw ClientSession.fail(.usage("--timeout must be positive")) }
    }

    func run() async throws {
        let showProgress = OutputTerminal.stderrIsTTY
        let clock = ContinuousClock()
        let start = clock.now
        try await ClientSession.run(client) { api in
            while true {
                let batch = try await api.getBatch(id: id)
                let status = batch.status?.rawValue ?? "unknown"
                if showProgress {
                    let counts = batch.requestCounts ?? RequestCounts()
                    let percent = counts.total > 0 ? 100 * counts.finished / counts.total : 0
                    let elapsed = Int((clock.now - start).components.seconds)
                    // Return and erase-line are the progress line's own; the rest is escaped.
                    let line = "\(batch.id)  \(status)  \(counts.finished)/\(counts.total) done (\(percent)%), \(counts.failed) failed  \(elapsed)s"
                    OutputTerminal.standardError("\r\u{1B}[K" + TerminalText.escaped(line))
                }
                if batch.isTerminal {
                    if showProgress { OutputTerminal.standardError("\n") }
                    OutputTerminal.outputLine("\(batch.id) \(status)")
                    let code: Int32 = switch batch.status {
                    case .completed?: 0
                    case .failed?: 4
                    case .expired?: 5
                    default: 6
                    }
                    if code != 0 { throw CommandFailure.exit(code) }
                    return
                }
                if let timeout, (clock.now - start) + .milliseconds(Int64(interval * 1000)) > .milliseconds(Int64(timeout * 1000)) {
                    if showProgress { OutputTerminal.standardError("\n") }
                    OutputTerminal.outputLine("\(batch.id) \(status)")
                    OutputTerminal.errorLine("timed out after \(Int(timeout))s; the batch is still \(status)")
                    throw CommandFailure.exit(7)
                }
                try await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
            }
        }
    }
}
