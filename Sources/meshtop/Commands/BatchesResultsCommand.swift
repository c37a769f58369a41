import ArgumentParser
import Foundation
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
            // The results stream to an unnamed file as they arrive and only a summary of each is
            // kept, so memory does not follow the batch's size; each is read back when written out.
            let spool = ResultSpool(directory: StateFolder.prepare())
            let loaded = try await BatchIDArgument.lookUp(id) { try await api.getBatchSpooled(id: $0, into: spool) }.answer
            guard var items = loaded.items else {
                let status = loaded.batch.status?.rawValue ?? "unknown"
                throw CommandFailure.api("batch \(loaded.batch.id) has no results yet (status \(status)); `meshtop batches wait \(loaded.batch.id)` waits for them")
            }
            if failed { items = items.filter { $0.outcome != .succeeded } }
            items.sort { NaturalOrder.precedes($0.customID, $1.customID) }
            var output = StandardOutput()
            if jsonl {
                for item in items {
                    // The server's bytes on one line, with what a terminal would act on escaped.
                    var copier = TerminalSafeJSON(oneLine: true)
                    try copier.copy(spool.read(item.span), into: &output.buffer)
                    copier.finish(into: &output.buffer)
                    output.buffer.append(0x0A)
                    output.flushIfFull()
                }
                output.flush()
                return
            }
            if items.isEmpty {
                OutputTerminal.errorLine(failed ? "no failed items" : "no results")
                return
            }
            try writeTable(items, from: spool, to: &output)
            output.flush()
        }
    }

    /// The table, a row at a time: widths come from the summaries, DETAIL (last, never padded) is
    /// read from the spool per row.
    private func writeTable(_ items: [ItemSummary], from spool: ResultSpool, to output: inout StandardOutput) throws {
        let table = OutputTable(columns: [
            .init(title: "CUSTOM_ID"), .init(title: "OUTCOME"), .init(title: "HTTP", rightAligned: true),
            .init(title: "TOKENS", rightAligned: true), .init(title: "DETAIL", flexible: true),
        ])
        func cells(_ item: ItemSummary) -> [String] {
            [item.customID, item.outcome.rawValue, item.statusCode.map(String.init) ?? "-", item.totalTokens.map(String.init) ?? "-"]
        }
        var layout = OutputTable.Layout(columns: table.columns)
        for item in items { layout.measure(cells(item)) }
        let widths = layout.widths(fitting: OutputTerminal.width)
        let colour = OutputTerminal.colourOnStdout
        output.write(table.header(widths: widths, colour: colour) + "\n")
        for item in items {
            let detail: String
            if var error = item.error {
                // The summary's error is the result's own unless it was cut; then the whole is read back.
                if ItemSummary.isCut(error), let whole = try? JSONDecoder().decode(BatchResult.self, from: Data(spool.read(item.span))).effectiveError {
                    error = whole
                }
                detail = [error.code, error.message].compactMap { $0 }.joined(separator: ": ")
            } else {
                let result = try? JSONValueParser.parse(Data(spool.read(item.span)))
                detail = ItemSummary.answerText(ofBody: result?["response"]?["body"]) ?? ""
            }
            let tint: String? = switch item.outcome {
            case .succeeded: "32"
            case .failed: "31"
            case .notRun: "33"
            }
            let row = cells(item) + [detail.utf8.contains(0x0A) ? detail.replacingOccurrences(of: "\n", with: " ") : detail]
            output.write(table.line(row, widths: widths, colours: tint.map { [1: $0] } ?? [:], colour: colour) + "\n")
            output.flushIfFull()
        }
    }
}
