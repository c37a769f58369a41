import ArgumentParser
import MeshAPI

/// `meshtop batches list`: the owner's batches, newest first.
struct BatchesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List batches, newest first.",
        discussion: """
            Examples:
              meshtop batches list
              meshtop batches list --status in_progress --all
              meshtop batches list --all --json | jq -r '.data[].id'

            Exit codes: 0 ok, 1 API error, 2 usage error, 3 network error (see `meshtop batches --help`).
            """
    )

    @Option(help: ArgumentHelp("Only batches with this status (validating, in_progress, finalizing, completed, failed, expired, cancelling, cancelled), or active (not ended) or done (ended).", valueName: "status"), completion: ShellCompletions.statuses)
    var status: String?

    @Option(help: "How many batches to show.")
    var limit: Int = 20

    @Flag(help: "Every batch, following pages to the end (ignores --limit).")
    var all = false

    @Flag(help: "Print the API's list object (batches exactly as the server sent them).")
    var json = false

    @OptionGroup var client: ClientOptions

    func validate() throws {
        guard limit > 0 else { throw ClientSession.fail(.usage("--limit must be at least 1")) }
        // A typo would otherwise read as "no batches with status in_progres".
        if let status, !Self.statusChoices.contains(status) {
            throw ClientSession.fail(.usage("--status \"\(status)\" is not one of \(Self.statusChoices.joined(separator: ", "))"))
        }
    }

    static let statusChoices = BatchStatus.known.map(\.rawValue) + ["active", "done"]

    /// Whether `batch` is one `--status` asks for.
    private func wanted(_ batch: Batch) -> Bool {
        switch status {
        case nil: return true
        case "active": return !batch.isTerminal
        case "done": return batch.isTerminal
        case let name?: return batch.status?.rawValue == name
        }
    }

    func run() async throws {
        try await ClientSession.run(client) { api in
            var batches: [(batch: Batch, json: JSONValue)] = []
            var after: String?
            var moreOnServer = true
            // A server that hands back a cursor it gave before would loop the walk for ever.
            var cursors: Set<String> = []
            var skippedRows = 0
            // Pages of 100 when filtering or going far; one page of exactly --limit otherwise.
            let pageSize = (all || status != nil || limit > 100) ? 100 : limit
            while moreOnServer && (all || batches.count < limit) {
                let page = try await api.listBatchesRaw(after: after, limit: pageSize)
                skippedRows += page.value.skippedRows
                // Rows without an id were left out of `data`; leave them out here too so the two line up.
                let rawItems = (page.json["data"]?.arrayValue ?? []).filter { $0["id"]?.stringValue != nil }
                for (index, batch) in page.value.data.enumerated() where wanted(batch) {
                    batches.append((batch, rawItems.indices.contains(index) ? rawItems[index] : OutputFormat.jsonValue(batch)))
                }
                let cursor = page.value.lastID ?? page.value.data.last?.id
                moreOnServer = page.value.hasMore && !page.value.data.isEmpty && cursor.map { cursors.insert($0).inserted } == true
                after = cursor
            }
            if skippedRows > 0 {
                // Said, not hidden: the rows are left out because they cannot be shown as batches.
                OutputTerminal.standardError("note: the server sent \(skippedRows) list row(s) without an id; they are left out\n")
            }
            let hasMore = moreOnServer || (!all && batches.count > limit)
            if !all && batches.count > limit { batches = Array(batches.prefix(limit)) }
            if json {
                let list: JSONValue = .object([
                    "object": .string("list"),
                    "data": .array(batches.map(\.json)),
                    "first_id": batches.first.map { .string($0.batch.id) } ?? .null,
                    "last_id": batches.last.map { .string($0.batch.id) } ?? .null,
                    "has_more": .bool(hasMore),
                ])
                OutputTerminal.standardOutput(OutputFormat.json(list))
                return
            }
            if batches.isEmpty {
                OutputTerminal.errorLine(status.map { "no batches with status \($0)" } ?? "no batches")
                return
            }
            var table = OutputTable(columns: [
                .init(title: "ID"), .init(title: "STATUS"), .init(title: "MODEL", flexible: true),
                .init(title: "DONE", rightAligned: true), .init(title: "FAILED", rightAligned: true),
                .init(title: "CREATED"), .init(title: "METADATA", flexible: true),
            ])
            for (batch, _) in batches {
                let metadata = (batch.metadata ?? [:]).sorted { $0.key < $1.key }
                    .map { "\($0.key)=\($0.value.displayText)" }.joined(separator: " ")
                table.append([
                    batch.id, batch.status?.rawValue ?? "-", batch.model ?? "-",
                    OutputFormat.progress(batch.requestCounts), batch.requestCounts.map { String($0.failed) } ?? "-",
                    OutputFormat.time(batch.createdAt), metadata,
                ], colours: OutputFormat.statusColour(batch.status).map { [1: $0] } ?? [:])
            }
            OutputTerminal.standardOutput(table.render(width: OutputTerminal.width, colour: OutputTerminal.colourOnStdout))
            if hasMore { OutputTerminal.errorLine("more batches exist: use --limit N or --all") }
        }
    }
}
