import ArgumentParser

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the local Mesh batch API stand-in.")
    func run() async throws {}
}
