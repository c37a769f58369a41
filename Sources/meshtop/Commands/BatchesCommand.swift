import ArgumentParser

struct BatchesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batches", abstract: "Scripting commands for batches.")
}
