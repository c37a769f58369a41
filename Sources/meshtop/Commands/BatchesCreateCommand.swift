import ArgumentParser
import Foundation
import MeshAPI

/// `meshtop batches create FILE.jsonl`: checks the file, then sends it once.
struct BatchesCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a batch from a JSONL file and print its id.",
        discussion: """
            One request a line: {"custom_id": "...", "body": {...}} or OpenAI's batch-input shape \
            {"custom_id", "method": "POST", "url": "/v1/chat/completions", "body"}. The whole file is \
            checked first (valid JSON on every line, unique custom ids, one model); an error names the \
            line and nothing is sent. A create is never retried: if the answer is lost, meshtop says so \
            (exit 3) and you should check `meshtop batches list` before creating again.

            Example:
              meshtop batches create requests.jsonl \\
                --metadata project=q2 --metadata owner=finance
              jq -c '{custom_id: .id, body: .request}' jobs.json | meshtop batches create -

            Exit codes: 0 ok, 1 API error, 2 usage error, 3 network error (see `meshtop batches --help`).
            """
    )

    @Argument(help: ArgumentHelp("The requests, one JSON object a line; - reads them from stdin.", valueName: "file.jsonl"),
              completion: ShellCompletions.inputFile)
    var file: String

    @Option(name: .customLong("metadata"), help: ArgumentHelp("A metadata entry; repeat for more.", valueName: "key=value"))
    var metadata: [String] = []

    @Option(help: ArgumentHelp("Completion window, such as 24h.", valueName: "duration"))
    var window = "24h"

    @Flag(help: "Print the new batch object as the server sent it, not just its id.")
    var json = false

    @OptionGroup var client: ClientOptions

    func run() async throws {
        // Everything local is checked before a client exists, so a bad file can never reach the server.
        var entries: [String: String] = [:]
        for entry in metadata {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw ClientSession.fail(.usage("--metadata \"\(entry)\" is not key=value"))
            }
            entries[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        guard window.range(of: #"^[0-9]+[smhd]$"#, options: .regularExpression) != nil else {
            throw ClientSession.fail(.usage("--window \"\(window)\" is not a duration such as 24h"))
        }
        let data: Data
        if file == "-" {
            // Messages say "stdin" where they would name the file.
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw ClientSession.fail(.usage("cannot read \(file): \(Self.whyUnreadable(file)); nothing was sent"))
            }
            data = contents
        }
        let source = file == "-" ? "stdin" : file
        let requests: [BatchRequestItem]
        do {
            requests = try BatchInputFile.parse(data)
        } catch let error as BatchInputError {
            throw ClientSession.fail(.usage("\(source): \(error.description); nothing was sent"))
        }
        let request = CreateBatchRequest(requests: requests, completionWindow: window,
                                         metadata: entries.isEmpty ? nil : entries)
        try await ClientSession.run(client) { api in
            let response = try await api.createBatchRaw(request)
            if json {
                OutputTerminal.standardOutput(OutputFormat.json(response.json))
            } else {
                OutputTerminal.outputLine(response.value.id)
            }
        }
    }

    /// Why `path` could not be read, in the words people know from the shell: a bare "cannot read"
    /// leaves them to guess between a typo, a directory and permissions.
    static func whyUnreadable(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return "it could not be read"
    }
}
