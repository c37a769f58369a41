import Foundation
import Glibc

/// Runs a program to completion and answers its status and output. The async forms never block a
/// cooperative thread: the stand-in the programs talk to runs in this test process and needs those
/// threads to answer (on 2 cores there are 2), so a blocked wait could starve it until it timed out.
enum ProcessRunner {
    struct Result: Sendable {
        var status: Int32
        var output: String
        var errorOutput: String
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        // Files, not pipes: tmux's server daemon inherits the child's descriptors, so a pipe would
        // never reach end of file.
        let directory = FileManager.default.temporaryDirectory
        let outURL = directory.appendingPathComponent("e2e-out-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent("e2e-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        try? outHandle.close()
        try? errHandle.close()
        let out = (try? Data(contentsOf: outURL)) ?? Data()
        let err = (try? Data(contentsOf: errURL)) ?? Data()
        return Result(status: status, output: String(decoding: out, as: UTF8.self),
                      errorOutput: String(decoding: err, as: UTF8.self))
    }

    /// `blockingSystem` on a thread of its own, so the caller's cooperative thread stays free.
    static func system(_ executable: String, _ arguments: [String]) async -> Result {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: blockingSystem(executable, arguments)) }
        }
    }

    /// Runs through `system()` (fork, exec, waitpid) instead of Foundation's Process: tmux's server
    /// daemon inherits the child's descriptors, and Process's wait on Linux then never ends.
    static func blockingSystem(_ executable: String, _ arguments: [String]) -> Result {
        let out = NSTemporaryDirectory() + "e2e-out-\(UUID().uuidString)"
        let err = NSTemporaryDirectory() + "e2e-err-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: err)
        }
        let quoted = ([executable] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = quoted.joined(separator: " ") + " </dev/null >'\(out)' 2>'\(err)'"
        markInheritedDescriptorsCloseOnExec()
        let raw = Glibc.system(command)
        let status = (raw >> 8) & 0xFF
        return Result(status: status, output: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                      errorOutput: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    /// tmux's server outlives the command that starts it and keeps every descriptor it inherited:
    /// without this it held the test's stand-in listening socket (so the stand-in could not restart
    /// on its port) and the pipes Foundation's Process waits on. Setting FD_CLOEXEC changes nothing
    /// for this process itself; it only keeps the descriptors out of the programs it runs.
    private static func markInheritedDescriptorsCloseOnExec() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for entry in entries {
            guard let fd = Int32(entry), fd > 2 else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    /// The absolute path of a program on $PATH.
    static func which(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
