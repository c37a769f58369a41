import Foundation
import Testing
import MeshtopTestSupport

/// `meshtop --version` and `meshtop version`: one line, the version and the build's commit.
@Suite(.enabled(if: MeshtopBinary.isBuilt, "run `swift build` first: needs .build/debug/meshtop"))
struct VersionCommandTests {
    @Test func flagAndSubcommandPrintTheVersionAndCommit() async throws {
        let flag = try await MeshtopBinary.run(["--version"], environment: [:])
        let subcommand = try await MeshtopBinary.run(["version"], environment: [:])
        #expect(flag.code == 0 && subcommand.code == 0, "\(flag.stderr)\(subcommand.stderr)")
        #expect(flag.stdout == subcommand.stdout)
        let pattern = #"^meshtop [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{7,40}(-dirty)?|unknown)\)\n$"#
        #expect(flag.stdout.range(of: pattern, options: .regularExpression) != nil, "\(flag.stdout.debugDescription)")
        // Built from a git checkout (when git can read this one), the build knew its commit.
        if Self.gitKnowsThePackage() { #expect(!flag.stdout.contains("unknown"), "\(flag.stdout)") }
    }

    static func gitKnowsThePackage() -> Bool {
        let root = URL(fileURLWithPath: MeshtopBinary.path).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", root.path, "rev-parse", "HEAD"]
        git.standardOutput = FileHandle.nullDevice
        git.standardError = FileHandle.nullDevice
        guard (try? git.run()) != nil else { return false }
        git.waitUntilExit()
        return git.terminationStatus == 0
    }
}
