import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The process group of the `key_command` being waited for, so that meshtop ending by a signal
/// (SIGINT, SIGTERM, SIGHUP) ends it too instead of leaving it orphaned.
///
/// While one runs, those signals get a handler, if nothing else handles them already (the dashboard's
/// runtime has its own once it started): the handler kills the group and then dies of the signal as
/// it would have (default action back, raised again). It only calls `kill`, `signal` and `raise` and
/// reads an atomic, all async-signal-safe.
enum KeyCommandGroup {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    fileprivate static let group = Atomic<Int32>(0)
    nonisolated(unsafe) private static var previous: [Int32: sigaction] = [:]

    static func running(_ pid: pid_t) {
        group.store(pid, ordering: .sequentiallyConsistent)
        // A process can start with these blocked (inherited from whatever spawned it); unblocked here,
        // the thread that waits for the command can always take one and end both.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signo in signals { sigaddset(&unblock, signo) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for signo in signals {
            var current = sigaction()
            guard sigaction(signo, nil, &current) == 0, current.__sigaction_handler.sa_handler == nil,
                  current.sa_flags & SA_SIGINFO == 0 else { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = keyCommandSignalHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            if sigaction(signo, &action, nil) == 0 { previous[signo] = current }
        }
    }

    static func finished() {
        for (signo, var old) in previous { sigaction(signo, &old, nil) }
        previous = [:]
        group.store(0, ordering: .sequentiallyConsistent)
    }
}

private let keyCommandSignalHandler: @convention(c) (Int32) -> Void = { signo in
    let group = KeyCommandGroup.group.load(ordering: .sequentiallyConsistent)
    if group > 0 { kill(-group, SIGKILL) }
    signal(signo, SIG_DFL)
    raise(signo)
}
