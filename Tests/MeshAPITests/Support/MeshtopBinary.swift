import Foundation

/// Runs the real `meshtop` binary (built by `swift build` before the tests) and collects what it
/// printed. Waits through a termination handler, not `waitUntilExit`, so no cooperative thread
/// is blocked while the in-process server needs one to answer.
enum MeshtopBinary {
    struct Output: Sendable {
        var stdout: String
        var stderr: String
        var code: Int32
    }

    static var path: String {
        // Tests/MeshAPITests/Support/MeshtopBinary.swift -> package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/meshtop").path
    }

    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Whether `run(_:environment:stdin:onTerminal: true)` can make a pseudo-terminal here.
    static var canRunOnTerminal: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/script") }

    /// `onTerminal` runs the binary on a pseudo-terminal (util-linux `script`), for what meshtop
    /// does only on a terminal (progress lines, prompts): stdout then holds everything the terminal
    /// showed, stderr included, with the terminal's CR LF line ends and the echo of `stdin`.
    static func run(_ arguments: [String], environment: [String: String], stdin: String? = nil,
                    onTerminal: Bool = false) async throws -> Output {
        let process = Process()
        if onTerminal {
            let quoted = ([path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", quoted.joined(separator: " "), "/dev/null"]
        } else {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        }
        // A clean environment: no stray MESH_API_KEY, no user config, no terminal width, no colour hints.
        var env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "XDG_CONFIG_HOME": NSTemporaryDirectory() + "meshtop-none"]
        env.merge(environment) { $1 }
        process.environment = env
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("meshtop-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("out")
        let errURL = directory.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        if let stdin {
            let inURL = directory.appendingPathComponent("in")
            FileManager.default.createFile(atPath: inURL.path, contents: Data(stdin.utf8))
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let code: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        try outHandle.close()
        try errHandle.close()
        return Output(
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "", code: code)
    }
}
