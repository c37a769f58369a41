import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The process groups of the `key_command`s being waited for, so that meshtop ending ends them too
/// instead of leaving them orphaned. Several can run at once (the team overview asks every profile).
///
/// While one runs, SIGINT, SIGTERM and SIGHUP get a handler if nothing else handles them already:
/// the handler kills the groups and then dies of the signal as it would have (default action back,
/// raised again). Where something else handles them (the dashboard's runtime, once started), that
/// code calls `KeyCommandRunner.stopAll()` on its way out. The handler only calls `kill`, `signal`
/// and `raise` and reads atomics set before it could run, all async-signal-safe.
enum KeyCommandGroup {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let capacity = 16
    /// One slot per running command (0: free), allocated once and never freed: a handler reads it.
    // nonisolated(unsafe): the pointer never changes; what it points to is atomics.
    nonisolated(unsafe) fileprivate static let slots: UnsafeMutablePointer<Atomic<Int32>> = {
        let pointer = UnsafeMutablePointer<Atomic<Int32>>.allocate(capacity: capacity)
        for index in 0..<capacity { (pointer + index).initialize(to: Atomic(0)) }
        return pointer
    }()
    private static let installed = Mutex<[Int32: sigaction]>([:])
    private static let runningCount = Mutex(0)

    /// Called before the command is spawned: the handlers are in place before the command can do
    /// anything (a SIGTERM that came after its start and before them ended meshtop by the default
    /// action and left the command's group running; seen in CI). Pair with `finished(slot:)`.
    static func willStart() {
        // A process can start with these blocked (inherited from whatever spawned it); unblocked here,
        // the thread that waits for the command can always take one and end both.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signo in signals { sigaddset(&unblock, signo) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        runningCount.withLock { count in
            count += 1
            guard count == 1 else { return }
            installed.withLock { installed in
                for signo in signals {
                    var current = sigaction()
                    guard sigaction(signo, nil, &current) == 0, current.__sigaction_handler.sa_handler == nil,
                          current.sa_flags & SA_SIGINFO == 0 else { continue }
                    var action = sigaction()
                    action.__sigaction_handler.sa_handler = keyCommandSignalHandler
                    sigemptyset(&action.sa_mask)
                    action.sa_flags = 0
                    if sigaction(signo, &action, nil) == 0 { installed[signo] = current }
                }
            }
        }
    }

    /// Remembers `pid`'s group, right after the spawn (one atomic store); answers its slot (nil when
    /// all are taken: it is still timed out).
    static func started(_ pid: pid_t) -> Int? {
        for index in 0..<capacity where (slots + index).pointee.compareExchange(expected: 0, desired: pid, ordering: .sequentiallyConsistent).exchanged {
            return index
        }
        return nil
    }

    static func finished(slot: Int?) {
        if let slot { (slots + slot).pointee.store(0, ordering: .sequentiallyConsistent) }
        runningCount.withLock { count in
            count -= 1
            guard count == 0 else { return }
            installed.withLock { installed in
                for (signo, var old) in installed { sigaction(signo, &old, nil) }
                installed = [:]
            }
        }
    }

    /// Kills every running command's group. Async-signal-safe.
    static func killAll() {
        for index in 0..<capacity {
            let group = (slots + index).pointee.load(ordering: .sequentiallyConsistent)
            if group > 0 { kill(-group, SIGKILL) }
        }
    }
}

private let keyCommandSignalHandler: @convention(c) (Int32) -> Void = { signo in
    KeyCommandGroup.killAll()
    signal(signo, SIG_DFL)
    raise(signo)
}
