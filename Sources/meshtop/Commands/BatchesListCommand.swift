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

            With --all the walk reads at most 100 pages (10,000 batches), as the dashboard does; when it stops \
            early (that cap, or a server repeating a cursor) what was read is printed, "has_more" stays true, \
            and the command exits 9 saying the list may be incomplete.

            Exit codes: 0 ok, 1 API error, 2 usage error, 3 network error, 9 list may be incomplete (see `meshtop batches --help`).
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
            var pages = 0
            /// Why the walk stopped before the server said it was over (nil: it did not).
            var incomplete: String?
            // Pages of 100 when filtering or going far; one page of exactly --limit otherwise.
            let pageSize = (all || status != nil || limit > 100) ? 100 : limit
            while moreOnServer && (all || batches.count < limit) {
                // The dashboard's cap on one walk: a server answering `has_more` with fresh cursors
                // for ever made `--all` read 4,755 pages (1.37 GB) in a minute and never end.
                guard pages < BatchPages.maxPages else {
                    incomplete = "stopped after \(pages) pages (\(batches.count) batches shown); the server still says there are more"
                    break
                }
                pages += 1
                let page = try await api.listBatchesRaw(after: after, limit: pageSize)
                skippedRows += page.value.skippedRows
                // Rows without an id were left out of `data`; leave them out here too so the two line up.
                let rawItems = (page.json["data"]?.arrayValue ?? []).filter { $0["id"]?.stringValue != nil }
                for (index, batch) in page.value.data.enumerated() where wanted(batch) {
                    batches.append((batch, rawItems.indices.contains(index) ? rawItems[index] : OutputFormat.jsonValue(batch)))
                }
                let cursor = page.value.lastID ?? page.value.data.last?.id
                moreOnServer = page.value.hasMore && !page.value.data.isEmpty
                if moreOnServer, let cursor, !cursors.insert(cursor).inserted {
                    // Not the end of the list: the server went back to a page it gave before.
                    incomplete = "the server repeated the cursor \(cursor) after \(pages) pages, so the pages behind it were never read"
                    break
                }
                if moreOnServer && cursor == nil {
                    incomplete = "the server said more batches follow but gave no cursor to ask for them"
                    break
                }
                after = cursor
            }
            if skippedRows > 0 {
                // Said, not hidden: the rows are left out because they cannot be shown as batches.
                OutputTerminal.standardError("note: the server sent \(skippedRows) list row(s) without an id; they are left out\n")
            }
            let hasMore = moreOnServer || incomplete != nil || (!all && batches.count > limit)
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
                try Self.failIfIncomplete(incomplete)
                return
            }
            if batches.isEmpty {
                OutputTerminal.errorLine(status.map { "no batches with status \($0)" } ?? "no batches")
                try Self.failIfIncomplete(incomplete)
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
            try Self.failIfIncomplete(incomplete)
            if hasMore { OutputTerminal.errorLine("more batches exist: use --limit N or --all") }
        }
    }

    /// What was read is printed either way; a walk that could not reach the end then says so and
    /// exits 9, so a script never takes part of the list for all of it.
    private static func failIfIncomplete(_ reason: String?) throws {
        guard let reason else { return }
        throw CommandFailure.incomplete("the list may be incomplete: \(reason)")
    }
}
