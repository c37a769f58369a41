import ArgumentParser

/// `meshtop version` (also `meshtop --version`): the version, and the commit it was built from
/// when the build knew it.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Show meshtop's version and the commit it was built from.")

    /// Bumped by hand on a release.
    static let version = "0.1.0"

    /// "meshtop 0.1.0 (commit 2c23f9e1a4b5)", "-dirty" after the commit when the tree had changes,
    /// "(commit unknown)" for a build made outside a git checkout. `--version` prints the same line.
    static var line: String {
        "meshtop \(version) (commit \(BuildCommit.id ?? "unknown"))"
    }

    func run() {
        print(Self.line)
    }
}
