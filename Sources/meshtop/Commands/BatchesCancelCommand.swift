import ArgumentParser
import Foundation
import MeshAPI

/// `meshtop batches cancel ID`: asks first on a terminal; scripts must say --yes.
struct BatchesCancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a batch (items already running finish; queued ones never start).",
        discussion: """
            On a terminal meshtop asks before cancelling. Without a terminal, --yes is required.

            Examples:
              meshtop batches cancel batch_01jd5k3f8q
              meshtop batches cancel batch_01jd5k3f8q --yes

            Exit codes: 0 ok, 1 API error, 2 usage error, 3 network error (see `meshtop batches --help`),
            8 the answer to the prompt was no (nothing was cancelled).
            """
    )

    /// The prompt was answered no: not an API error, and a script can tell it apart.
    static let declinedExitCode: Int32 = 8

    @Argument(help: "The batch id (with or without its batch_ prefix).") var id: String
    @Flag(name: [.short, .long], help: "Do not ask for confirmation.") var yes = false
    @Flag(help: "Print the batch object the server answered with.") var json = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        if !yes && !OutputTerminal.stdinIsTTY {
            throw ClientSession.fail(.usage("refusing to cancel without --yes: stdin is not a terminal, so meshtop cannot ask"))
        }
        try await ClientSession.run(client) { api in
            var id = id
            if !yes {
                // Show what is about to be cancelled, so the answer is an informed one.
                let batch: Batch
                (batch, id) = try await BatchIDArgument.lookUp(id) { try await api.getBatch(id: $0) }
                let progress = OutputFormat.progress(batch.requestCounts)
                OutputTerminal.errorLine("Cancel \(batch.id) (\(batch.status?.rawValue ?? "unknown status"), \(progress) done)? [y/N] ", ending: "")
                let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                guard answer == "y" || answer == "yes" else {
                    OutputTerminal.errorLine("not cancelled")
                    throw CommandFailure.exit(Self.declinedExitCode)
                }
            }
            let response = try await BatchIDArgument.lookUp(id) { try await api.cancelBatchRaw(id: $0) }.answer
            if json {
                OutputTerminal.standardOutput(OutputFormat.json(response.json))
            } else {
                OutputTerminal.outputLine("\(response.value.id) \(response.value.status?.rawValue ?? "cancelling")")
            }
        }
    }
}
