import ArgumentParser
import Dashboard
import MeshAPI

/// `meshtop batches get ID`: one batch in detail.
struct BatchesGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show one batch.",
        discussion: """
            Examples:
              meshtop batches get batch_01jd5k3f8q
              meshtop batches get batch_01jd5k3f8q --json | jq .request_counts

            Exit codes: 0 ok, 1 API error, 2 usage error, 3 network error (see `meshtop batches --help`).
            """
    )

    @Argument(help: "The batch id (with or without its batch_ prefix).") var id: String
    @Flag(help: "Print the batch object exactly as the server sent it.") var json = false
    @Flag(name: .customLong("no-results"), help: "With --json: leave the batch's results out (they can be 50,000 objects).")
    var noResults = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        try await ClientSession.run(client) { api in
            let response = try await BatchIDArgument.lookUp(id) { try await api.getBatchRaw(id: $0) }.answer
            if json {
                var raw = response.json
                if noResults, case .object(var members) = raw {
                    members.removeValue(forKey: "results")
                    raw = .object(members)
                }
                OutputTerminal.standardOutput(OutputFormat.json(raw))
                return
            }
            OutputTerminal.standardOutput(Self.describe(response.value, colour: OutputTerminal.colourOnStdout))
        }
    }

    /// The batch as aligned "field  value" lines; absent fields are left out. Names (metadata keys
    /// are the server's too) and values are escaped by `TerminalText`, so a newline in a value
    /// cannot start a line of its own; the status colour is added after escaping.
    static func describe(_ batch: Batch, colour: Bool) -> String {
        var fields: [(String, String)] = [("id", batch.id)]
        fields.append(("status", batch.status?.rawValue ?? "-"))
        if let model = batch.model { fields.append(("model", model)) }
        if let provider = batch.provider { fields.append(("provider", provider)) }
        if let endpoint = batch.endpoint { fields.append(("endpoint", endpoint)) }
        if let window = batch.completionWindow { fields.append(("window", window)) }
        if let counts = batch.requestCounts {
            // Once the batch has ended, what did not run never will: "not run", as the results say.
            let rest = batch.isTerminal ? "not run" : "pending"
            fields.append(("requests", "\(counts.total) total, \(counts.completed) completed, \(counts.failed) failed, \(counts.pending) \(rest)"))
        }
        let stamps: [(String, Int?)] = [
            ("created", batch.createdAt), ("in progress", batch.inProgressAt), ("finalizing", batch.finalizingAt),
            ("completed", batch.completedAt), ("failed", batch.failedAt), ("expired", batch.expiredAt),
            ("cancelling", batch.cancellingAt), ("cancelled", batch.cancelledAt), ("expires", batch.expiresAt),
        ]
        for (name, stamp) in stamps where stamp != nil { fields.append((name, OutputFormat.time(stamp))) }
        for (key, value) in (batch.metadata ?? [:]).sorted(by: { $0.key < $1.key }) {
            fields.append(("metadata.\(key)", value.displayText))
        }
        for error in batch.errorsDetail ?? [] {
            let place = error.line.map { " (line \($0))" } ?? ""
            fields.append(("error", "\(error.code ?? "error"): \(error.message ?? "")\(place)"))
        }
        if let results = batch.results {
            let succeeded = results.filter { $0.outcome == .succeeded }.count
            let failed = results.filter { $0.outcome == .failed }.count
            let notRun = results.filter { $0.outcome == .notRun }.count
            fields.append(("results", "\(results.count): \(succeeded) succeeded, \(failed) failed, \(notRun) not run"))
        }
        for (name, value) in [("output file", batch.outputFileID), ("error file", batch.errorFileID)] {
            if let value { fields.append((name, value)) }
        }
        let width = fields.map { TextWidth.of($0.0) }.max() ?? 0
        return fields.map { name, value in
            let shown = TerminalText.escaped(value)
            let styled = name == "status" ? shown.withStyle(colour ? OutputFormat.statusColour(batch.status) : nil) : shown
            return TextWidth.fit(name, to: width) + "  " + styled
        }.joined(separator: "\n") + "\n"
    }
}
