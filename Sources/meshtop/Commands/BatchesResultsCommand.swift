import ArgumentParser
import MeshAPI

/// `meshtop batches results ID`: the items of a finished batch.
struct BatchesResultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Show a batch's item results (once the batch is terminal).",
        discussion: """
            Results are matched by custom_id and shown sorted by it in natural order (doc-2 before doc-10). --failed keeps the items that \
            failed or never ran. --jsonl prints one result object a line, for pipes.

            Examples:
              meshtop batches results batch_01jd5k3f8q
              meshtop batches results batch_01jd5k3f8q --failed --jsonl | jq -r .custom_id

            Exit codes: 0 ok, 1 API error, 2 usage error, 3 network error (see `meshtop batches --help`).
            """
    )

    @Argument(help: "The batch id (with or without its batch_ prefix).") var id: String
    @Flag(help: "Only items that failed or never ran.") var failed = false
    @Flag(name: [.customLong("jsonl"), .customLong("json")],
          help: "One JSON result object a line, as the server sent it (--json is the same).") var jsonl = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        try await ClientSession.run(client) { api in
            let response = try await BatchIDArgument.lookUp(id) { try await api.getBatchRaw(id: $0) }.answer
            let batch = response.value
            guard let results = batch.results else {
                let status = batch.status?.rawValue ?? "unknown"
                throw CommandFailure.api("batch \(batch.id) has no results yet (status \(status)); `meshtop batches wait \(batch.id)` waits for them")
            }
            // The raw objects when results came inline; re-encoded ones when read from a result file.
            let rawResults = response.json["results"]?.arrayValue
            var items: [(result: BatchResult, json: JSONValue)] = results.enumerated().map { index, result in
                let raw = rawResults.flatMap { $0.indices.contains(index) ? $0[index] : nil }
                return (result, raw ?? OutputFormat.jsonValue(result))
            }
            if failed { items = items.filter { $0.result.outcome != .succeeded } }
            items.sort { NaturalOrder.precedes($0.result.customID, $1.result.customID) }
            if jsonl {
                OutputTerminal.standardOutput(items.map { OutputFormat.json($0.json, oneLine: true) }.joined())
                return
            }
            if items.isEmpty {
                OutputTerminal.errorLine(failed ? "no failed items" : "no results")
                return
            }
            var table = OutputTable(columns: [
                .init(title: "CUSTOM_ID"), .init(title: "OUTCOME"), .init(title: "HTTP", rightAligned: true),
                .init(title: "TOKENS", rightAligned: true), .init(title: "DETAIL", flexible: true),
            ])
            for (result, _) in items {
                let detail: String
                if let error = result.effectiveError {
                    detail = [error.code, error.message].compactMap { $0 }.joined(separator: ": ")
                } else {
                    detail = result.response?.body?["choices"]?[0]?["message"]?["content"]?.stringValue ?? ""
                }
                let colour: String? = switch result.outcome {
                case .succeeded: "32"
                case .failed: "31"
                case .notRun: "33"
                }
                table.append([
                    result.customID, result.outcome.rawValue, result.response?.statusCode.map(String.init) ?? "-",
                    result.usage.map { String($0.totalTokens) } ?? "-",
                    detail.replacingOccurrences(of: "\n", with: " "),
                ], colours: colour.map { [1: $0] } ?? [:])
            }
            OutputTerminal.standardOutput(table.render(width: OutputTerminal.width, colour: OutputTerminal.colourOnStdout))
        }
    }
}
