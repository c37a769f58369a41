import ArgumentParser

struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "The live dashboard (the default).")
    @Flag(help: "Run against an in-process stand-in with a live workload.") var demo = false
    func run() async throws {}
}
