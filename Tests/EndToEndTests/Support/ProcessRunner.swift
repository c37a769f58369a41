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

    /// Runs through `posix_spawn` and `waitpid` instead of Foundation's Process: tmux's server daemon
    /// inherits the child's descriptors, and Process's wait on Linux then never ends. The child gets
    /// /dev/null, two files and nothing else (`closefrom(3)` as a spawn action): tmux's server
    /// outlives the command that starts it and kept every descriptor it inherited, among them the
    /// test's stand-in listening socket (so the stand-in could not restart on its port).
    ///
    /// The descriptors are closed in the child only. This used to mark every descriptor of the test
    /// process close-on-exec before `system()`, which raced with Foundation's Process spawning on
    /// another thread: its child lost the socket Process watches for the child's end, so Process
    /// decided a running `meshtop serve` had exited and blocked its one monitoring thread in
    /// `waitpid` for it, and no other child's end was ever reported (the whole run hung, load 0).
    static func blockingSystem(_ executable: String, _ arguments: [String]) -> Result {
        let out = NSTemporaryDirectory() + "e2e-out-\(UUID().uuidString)"
        let err = NSTemporaryDirectory() + "e2e-err-\(UUID().uuidString)"
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: err)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        _ = closeFrom(&actions, 3)
        // Nothing blocked and every signal at its default: the caller is often a Dispatch worker thread,
        // which blocks nearly every signal, and a spawned child inherits its mask. tmux's server then
        // never saw its children's SIGCHLD: `kill-server` answered 0 and the server waited for ever,
        // keeping every test's dashboard running (16 left behind by one run).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signo in Int32(1)..<32 where signo != SIGKILL && signo != SIGSTOP { sigaddset(&defaults, signo) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, &argv, environ)
        var status: Int32 = 127
        if spawned == 0 {
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
            status = (raw >> 8) & 0xFF
        }
        return Result(status: status, output: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                      errorOutput: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not declare: every descriptor from `lowest` up is closed in the child.
    private static let closeFrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else {
            fatalError("glibc 2.34 or later is needed (posix_spawn_file_actions_addclosefrom_np)")
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// The absolute path of a program on $PATH.
    static func which(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
