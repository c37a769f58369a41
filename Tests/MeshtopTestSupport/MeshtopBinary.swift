import Foundation

/// The real `meshtop` built by `swift build` before the tests. `run` collects what it printed; it
/// waits through a termination handler, not `waitUntilExit`, so no cooperative thread is blocked
/// while the in-process server needs one to answer.
///
/// Where it is: `$MESHTOP_BIN` when set, else beside the running test bundle (the build folder
/// `swift test` built into, whatever the configuration or triple). A test that needs it and does not
/// find it fails, naming the path and the fix (`requireBuilt()`): it never skips, so a suite cannot
/// pass by testing nothing.
public enum MeshtopBinary {
    public struct Output: Sendable {
        public var stdout: String
        public var stderr: String
        public var code: Int32
    }

    /// Tests/MeshtopTestSupport/MeshtopBinary.swift -> the package root.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    public static var path: String {
        locate(environment: ProcessInfo.processInfo.environment, testBundle: ProcessInfo.processInfo.arguments[0])
    }

    /// `$MESHTOP_BIN`, else `meshtop` beside `testBundle` when it is there (swift test runs
    /// .build/<triple>/<configuration>/meshtopPackageTests.xctest, and swift build put meshtop in
    /// that same folder), else the package's .build/debug/meshtop.
    public static func locate(environment: [String: String], testBundle: String) -> String {
        if let chosen = environment["MESHTOP_BIN"], !chosen.isEmpty { return chosen }
        let bundle = URL(fileURLWithPath: testBundle).resolvingSymlinksInPath()
        let beside = bundle.deletingLastPathComponent().appendingPathComponent("meshtop").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/meshtop").path
    }

    /// The binary's path, or a thrown failure that says how to get it.
    @discardableResult
    public static func requireBuilt(at path: String = path) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else { throw MeshtopBinaryMissing(path: path) }
        return path
    }

    /// An environment with private state/config folders and a terminal type ncurses knows (for the
    /// binary in tmux).
    public static func environment(baseURL: String, key: String, home: URL) -> [String: String] {
        var environment: [String: String] = [
            "MESH_API_KEY": key,
            "MESH_API_BASE_URL": baseURL,
            "HOME": home.path,
            "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        environment["NO_COLOR"] = nil
        return environment
    }

    public static func temporaryHome() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("meshtop-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Whether `run(_:environment:stdin:onTerminal: true)` can make a pseudo-terminal here.
    public static var canRunOnTerminal: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/script") }

    /// `onTerminal` runs the binary on a pseudo-terminal (util-linux `script`), for what meshtop
    /// does only on a terminal (progress lines, prompts): stdout then holds everything the terminal
    /// showed, stderr included, with the terminal's CR LF line ends and the echo of `stdin`.
    public static func run(_ arguments: [String], environment: [String: String], stdin: String? = nil,
                    onTerminal: Bool = false) async throws -> Output {
        let path = try requireBuilt()
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
