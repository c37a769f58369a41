import Foundation
import Testing
import MeshtopTestSupport

/// `meshtop --version` and `meshtop version`: one line, the version and the build's commit.
@Suite
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
        let root = MeshtopBinary.packageRoot
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", root.path, "rev-parse", "HEAD"]
        git.standardOutput = FileHandle.nullDevice
        git.standardError = FileHandle.nullDevice
        guard (try? git.run()) != nil else { return false }
        git.waitUntilExit()
        return git.terminationStatus == 0
    }

    /// Without the binary the tests fail, naming the path and the fix; they never skip. The binary
    /// is found beside the test bundle (any configuration or triple), or where MESHTOP_BIN says.
    @Test func aMissingBinaryFailsInsteadOfSkipping() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/meshtop"
        let error = #expect(throws: MeshtopBinaryMissing.self) { try MeshtopBinary.requireBuilt(at: missing) }
        #expect(error?.description.contains("run `swift build`") == true && error?.description.contains(missing) == true)
        let folder = NSTemporaryDirectory() + "meshtop-bundle-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        FileManager.default.createFile(atPath: folder + "/meshtop", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        #expect(MeshtopBinary.locate(environment: [:], testBundle: folder + "/meshtopPackageTests.xctest") == folder + "/meshtop")
        #expect(MeshtopBinary.locate(environment: ["MESHTOP_BIN": missing], testBundle: folder + "/x.xctest") == missing)
        #expect(try MeshtopBinary.requireBuilt() == MeshtopBinary.path, "the suite's own binary is there")
    }
}
