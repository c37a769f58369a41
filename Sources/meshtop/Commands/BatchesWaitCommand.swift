import ArgumentParser
import Foundation
import MeshAPI

/// `meshtop batches wait ID`: polls until the batch is terminal; the exit code is the outcome.
struct BatchesWaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Wait until a batch is terminal; the exit code tells how it ended.",
        discussion: """
            Exit codes: 0 completed, 4 failed, 5 expired, 6 cancelled, 7 still running (or the server \
            still unreachable) when --timeout passed; and as everywhere, 1 API error, 2 usage error. \
            Network errors and server errors (5xx, 429) do not end the wait: it polls on through them, \
            saying so once per outage on stderr, and a server's Retry-After longer than --interval is \
            waited out before the next poll; 401, 403 and 404 end it at once. A progress line is \
            shown on a terminal (stderr); the final status is printed on stdout.

            Example:
              meshtop batches wait batch_01jd5k3f8q --interval 30 --timeout 3600
            """
    )

    @Argument(help: "The batch id (with or without its batch_ prefix).") var id: String

    @Option(help: ArgumentHelp("Seconds between polls (Mesh's guidance is 30-60 per batch).", valueName: "seconds"))
    var interval: Double = 30

    @Option(help: ArgumentHelp("Give up after this many seconds (exit 7). Default: wait as long as it takes.", valueName: "seconds"))
    var timeout: Double?

    @OptionGroup var client: ClientOptions

    /// "30s", "0.5s".
    private static func seconds(_ value: Double) -> String {
        value.rounded() == value ? "\(Int(value))s" : "\(value)s"
    }

    func validate() throws {
        guard interval > 0 else { throw ClientSession.fail(.usage("--interval must be positive")) }
        if let timeout, timeout <= 0 { throw ClientSession.fail(.usage("--timeout must be positive")) }
    }

    func run() async throws {
        let showProgress = OutputTerminal.stderrIsTTY
        let clock = ContinuousClock()
        let start = clock.now
        try await ClientSession.run(client) { api in
            // When the current outage began; nil while the server answers.
            var outageSince: ContinuousClock.Instant?
            // The id that answers (`batch_` added when typed without it), found at the first answer.
            var id = id
            var idFound = false
            while true {
                let batch: Batch
                do {
                    if idFound {
                        batch = try await api.getBatch(id: id)
                    } else {
                        (batch, id) = try await BatchIDArgument.lookUp(id) { try await api.getBatch(id: $0) }
                        idFound = true
                    }
                } catch let error as MeshError where error.isOutage {
                    // A blip must not end `wait && results`: keep polling (the client already retried with
                    // backoff), say so once per outage, and still honour --timeout. A server that asks for
                    // a longer pause (Retry-After) gets it: the next poll waits for whichever is longer.
                    let pause = max(interval, error.retryAfter ?? 0)
                    if outageSince == nil {
                        outageSince = clock.now
                        if showProgress { OutputTerminal.standardError("\r\u{1B}[K") }
                        let retrying = pause > interval
                            ? "waiting \(Self.seconds(pause)) as it asks (Retry-After)"
                            : "retrying every \(Self.seconds(interval))"
                        // A 429 is a server that answers and asks for less: not "unreachable".
                        let what = error.status == 429 ? "the server is limiting requests" : "server unreachable"
                        // The error's message is the server's text: escaped like every other message.
                        OutputTerminal.errorLine("\(what), \(retrying) (\(error))")
                    }
                    if let timeout, (clock.now - start) + .milliseconds(Int64(pause * 1000)) > .milliseconds(Int64(timeout * 1000)) {
                        let why = pause > interval
                            ? "the server asked to wait \(Self.seconds(pause)), past --timeout"
                            : "the server has not answered since the outage began"
                        OutputTerminal.errorLine("timed out after \(Int(timeout))s; \(why)")
                        throw CommandFailure.exit(7)
                    }
                    try await Task.sleep(for: .milliseconds(Int64(pause * 1000)))
                    continue
                }
                if let since = outageSince {
                    outageSince = nil
                    if showProgress { OutputTerminal.standardError("\r\u{1B}[K") }
                    OutputTerminal.standardError("server answering again after \((clock.now - since).components.seconds)s\n")
                }
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
