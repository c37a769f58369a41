import ArgumentParser
import Foundation
import MeshAPI

@main
struct Meshtop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meshtop",
        abstract: "htop for Mesh API batch jobs.",
        discussion: """
            Exit codes: 0 ok; 1 API error (the message shows the code and the request id); 2 usage error; \
            3 network error. `batches wait` adds 4 failed, 5 expired, 6 cancelled, 7 timed out; `batches cancel` adds 8 \
            declined at its prompt.
            """,
        version: VersionCommand.line,
        subcommands: [DashboardCommand.self, ServeCommand.self, BatchesCommand.self, JobsCommand.self, ConfigCommand.self, VersionCommand.self],
        defaultSubcommand: DashboardCommand.self
    )

    /// ArgumentParser exits 64 (EX_USAGE) on bad arguments; meshtop documents 2 for every usage
    /// error, so parse failures are mapped here and everything else keeps its own exit code.
    static func main() async {
        #if os(Linux) && (arch(x86_64) || arch(arm64))
        // The loader is done with it: 3.3 MB less resident for as long as meshtop runs.
        RelocationTable.release()
        #endif
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            print(rootHelp())
            return
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                // The message quotes the arguments given (an id pasted from elsewhere may hold an
                // escape): each line escaped, the usage text's own line breaks kept.
                let lines = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false)
                var message = lines.map { TerminalText.escaped(String($0)) }.joined(separator: "\n")
                if let hint = SubcommandSuggestion.hint(for: arguments, root: Meshtop.self) {
                    message += "\n" + TerminalText.escaped(hint)
                }
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// The root help with the dashboard's own options under it: `meshtop` alone runs the dashboard,
    /// so `meshtop --help` must name `--demo` and the rest, not only the subcommands. Taken from
    /// the dashboard's generated help, so the two never drift apart.
    static func rootHelp(columns: Int? = nil) -> String {
        let dashboard = DashboardCommand.helpMessage(columns: columns)
        var options: [Substring] = []
        var inOptions = false
        for line in dashboard.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("OPTIONS:") { inOptions = true; continue }
            guard inOptions else { continue }
            // The shared flags are in the root's own OPTIONS already.
            if line.contains("--version") || line.contains("-h, --help") { continue }
            options.append(line)
        }
        while options.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { options.removeLast() }
        return helpMessage(columns: columns) + "\n\nDASHBOARD OPTIONS (`meshtop` with no subcommand runs the dashboard):\n"
            + options.joined(separator: "\n")
    }
}
