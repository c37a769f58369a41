import ArgumentParser

@main
struct Meshtop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meshtop",
        abstract: "htop for Mesh API batch jobs.",
        subcommands: [DashboardCommand.self, ServeCommand.self, BatchesCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}
