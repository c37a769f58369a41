import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a profile's `key_command` (`/bin/sh -c COMMAND`) and answers what it printed: the key.
///
/// The command is a user's password-manager call (`pass show mesh`, `op read ...`), and such calls
/// can hang (a locked vault waiting for a prompt nobody sees). So:
/// - it runs in a process group of its own, and everything in that group (the shell and whatever it
///   started) is killed when `timeout` passes, or when meshtop itself is ended by SIGINT, SIGTERM or
///   SIGHUP while waiting for it, so nothing is left behind running;
/// - its stdin is /dev/null, its stderr meshtop's (a prompt or an error it prints is seen), and its
///   output is never echoed, even when it fails: only the exit status is reported.
///
///     let key = try KeyCommandRunner(timeout: .seconds(15)).run("pass show mesh", environment: env)
public struct KeyCommandRunner: Sendable {
    /// Long enough for a password manager that asks for a fingerprint, short enough that a hung one
    /// is noticed.
    public static let defaultTimeout: Duration = .seconds(15)

    public var timeout: Duration

    public init(timeout: Duration = Self.defaultTimeout) {
        self.timeout = timeout
    }

    public enum Failure: Error, Equatable {
        case cannotStart
        case exited(status: Int32)
        case killedBySignal(Int32)
        case timedOut
    }

    /// The command's standard output, whole.
    public func run(_ command: String, environment: [String: String]) throws(Failure) -> Data {
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { throw .cannotStart }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        defer { close(readEnd) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A group of its own (pgid = its pid), so one kill reaches the shell and all it started; signals
        // meshtop ignores (the dashboard ignores SIGINT for its Dispatch sources) back to their defaults.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signo in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signo) }
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let arguments = ["/bin/sh", "-c", command]
        let variables = environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        KeyCommandGroup.willStart()
        let spawned = withCStrings(arguments) { argv in
            withCStrings(variables) { envp in posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp) }
        }
        let slot = spawned == 0 ? KeyCommandGroup.started(pid) : nil
        defer { KeyCommandGroup.finished(slot: slot) }
        close(writeEnd)
        guard spawned == 0 else { throw .cannotStart }
        var output = Data()
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 4096)
        var status: Int32 = 0
        var exited = false
        reading: while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else {
                kill(-pid, SIGKILL)
                if !exited { _ = waitpid(pid, &status, 0) }
                throw .timedOut
            }
            var poller = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            // In slices: a child the shell left running may hold the pipe open after the shell is done.
            let ready = poll(&poller, 1, exited ? 0 : 100)
            if ready < 0 && errno == EINTR { continue }
            if ready > 0 {
                let count = read(readEnd, &buffer, buffer.count)
                if count > 0 {
                    output.append(contentsOf: buffer[0..<count])
                    continue
                }
                if count < 0 && errno == EINTR { continue }
                break reading
            }
            // Nothing to read: once the shell has exited and the pipe is drained, its answer is whole.
            if exited { break reading }
            if waitpid(pid, &status, WNOHANG) == pid { exited = true }
        }
        if !exited { while waitpid(pid, &status, 0) < 0 && errno == EINTR {} }
        // Whatever the shell started and left behind goes with the group.
        kill(-pid, SIGKILL)
        let signal = status & 0x7F
        if signal != 0 { throw .killedBySignal(signal) }
        let code = (status >> 8) & 0xFF
        guard code == 0 else { throw .exited(status: code) }
        return output
    }

    /// Kills every key_command still running, with everything each started: for a program that
    /// handles its own ending signals (the dashboard) to call on its way out. Async-signal-safe.
    public static func stopAll() {
        KeyCommandGroup.killAll()
    }

    private func withCStrings<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }
}
