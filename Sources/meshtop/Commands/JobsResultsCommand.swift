import ArgumentParser
import Foundation
import MeshAPI
import MeshJobs

/// `meshtop jobs results JOB`: one line per input line, in input order, from the journal.
struct JobsResultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Show a job's results: one line per input line, in input order (no network needed).",
        discussion: """
            Each item shows its last attempt's result. --jsonl prints one JSON object a line: the item's \
            custom_id, its response or error in the shape of a batch result, and "attempt" \
            ({"chunk", "number", "batch_id"}) naming where it came from (null for an item not done yet). \
            --failed keeps the items that failed for good. --out FILE writes there instead of stdout.
            """
    )

    @Argument(help: "The job's id (or a unique prefix of it, or its name).") var job: String
    @Flag(name: [.customLong("jsonl"), .customLong("json")], help: "One JSON object a line (--json is the same).") var jsonl = false
    @Flag(help: "Only the items that failed for good.") var failed = false
    @Option(help: ArgumentHelp("Write to this file (created 0600) instead of stdout.", valueName: "file")) var out: String?
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let journal = try JobSession.openJournal()
        let id = try await JobSession.resolve(journal, job)
        let sink: FileHandle
        if let out {
            let fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw ClientSession.fail(.usage("cannot write \(out): \(String(cString: strerror(errno)))"))
            }
            sink = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        } else {
            sink = FileHandle.standardOutput
        }
        if jsonl {
            try journal.reader.resultLines(of: id, failedOnly: failed) { sink.write($0) }
            return
        }
        var table = OutputTable(columns: [
            .init(title: "CUSTOM_ID"), .init(title: "OUTCOME"), .init(title: "HTTP", rightAligned: true),
            .init(title: "ATTEMPT", rightAligned: true), .init(title: "DETAIL", flexible: true),
        ])
        try journal.reader.results(of: id, failedOnly: failed) { item in
            let result = item.resultText.flatMap { try? JSONDecoder().decode(BatchResult.self, from: Data($0.utf8)) }
            let outcome = item.state == .pending ? "pending" : result?.outcome.rawValue ?? item.state.rawValue
            var detail = ""
            if let error = result?.effectiveError, item.state != .succeeded {
                detail = [error.code, error.message].compactMap { $0 }.joined(separator: ": ")
            } else {
                detail = result?.response?.body?["choices"]?[0]?["message"]?["content"]?.stringValue ?? ""
            }
            table.append([
                item.customID, outcome, result?.response?.statusCode.map(String.init) ?? "-",
                item.attempt.map { "\(item.chunk).\($0)" } ?? "-", detail.replacingOccurrences(of: "\n", with: " "),
            ])
        }
        sink.write(Data(table.render(width: out == nil ? OutputTerminal.width : nil, colour: false).utf8))
    }
}
