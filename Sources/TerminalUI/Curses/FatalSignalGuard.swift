import CNcurses
import Foundation

/// Puts the terminal back when the process dies of a signal while curses holds it.
///
/// A trap (`SIGILL` from an overflow check, `SIGTRAP`), a bad pointer (`SIGSEGV`, `SIGBUS`) or an
/// `abort()` ends the process without running `endwin()`: the person is left in the alternate screen
/// with the cursor hidden, mouse reporting on and echo off. The handler does only what is
/// async-signal-safe: `write(2)` of escape bytes worked out before any signal could come, and
/// `tcsetattr` with the modes saved before curses changed them; then the default action is put
/// back and the signal raised again, so the process still dies as it would have (same status, core).
///
///     FatalSignalGuard.saveTerminalModes()   // before newterm
///     FatalSignalGuard.install()             // after curses set the terminal up
///     FatalSignalGuard.uninstall()           // before endwin
enum FatalSignalGuard {
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGQUIT]

    /// Every other signal whose default action ends the process (`kill -USR1`, a stray `alarm`, a CPU
    /// or file-size limit). These get the handler only while nothing else handles or ignores them: the
    /// runtime's own Dispatch sources take SIGINT, SIGTERM and SIGHUP (and restore the terminal the
    /// ordinary way), SIGWINCH is a resize, and SIGPIPE is ignored by the network code.
    static let terminatingSignals: [Int32] = [SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGSYS,
                                              SIGIO, SIGPWR, SIGSTKFLT, SIGHUP, SIGINT, SIGTERM, SIGPIPE]

    /// What the handler reads. Allocated once and never freed, and set before any handler exists:
    /// a signal handler must not allocate, and the memory it reads must never go away under it.
    nonisolated(unsafe) private static var savedModes: UnsafeMutablePointer<termios>?
    nonisolated(unsafe) private static var escape: UnsafeMutableBufferPointer<UInt8>?
    nonisolated(unsafe) private static var previous: [Int32: sigaction] = [:]

    /// Remembers the terminal's modes as the shell left them (echo, canonical input).
    static func saveTerminalModes() {
        let modes = savedModes ?? {
            let pointer = UnsafeMutablePointer<termios>.allocate(capacity: 1)
            pointer.initialize(to: termios())
            return pointer
        }()
        guard tcgetattr(STDIN_FILENO, modes) == 0 else { return }
        savedModes = modes
    }

    /// Installs the handler for every fatal signal, and for every terminating one nothing else
    /// handles (`terminatingSignals`). Call once curses is set up: the escape bytes
    /// come from the terminal's terminfo entry, which `newterm` loaded.
    static func install() {
        prepareEscape()
        let unhandled = terminatingSignals.filter { signo in
            var current = sigaction()
            guard sigaction(signo, nil, &current) == 0 else { return false }
            // SIG_DFL is a null handler; SIG_IGN, a Dispatch source's ignore, or a handler is left alone.
            return current.__sigaction_handler.sa_handler == nil && current.sa_flags & SA_SIGINFO == 0
        }
        for signo in signals + unhandled {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = fatalSignalHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            if sigaction(signo, &action, &old) == 0, previous[signo] == nil { previous[signo] = old }
        }
    }

    /// Gives every fatal signal back the handling it had before `install` (the terminal is about to
    /// be restored the ordinary way).
    static func uninstall() {
        for (signo, var old) in previous { sigaction(signo, &old, nil) }
        previous = [:]
    }

    /// The bytes that undo what curses did to the screen: mouse reporting off (the xterm modes ncurses
    /// turns on), attributes reset, cursor shown, keypad transmit off, alternate screen left. From
    /// terminfo where the entry has them, else the xterm sequences every terminal meshtop targets knows.
    private static func prepareEscape() {
        guard escape == nil else { return }
        var bytes = Array("\u{1B}[?1006l\u{1B}[?1003l\u{1B}[?1002l\u{1B}[?1000l".utf8)
        let wanted: [(name: String, fallback: String)] = [
            ("sgr0", "\u{1B}[0m"), ("cnorm", "\u{1B}[?25h"), ("rmkx", "\u{1B}[?1l"), ("rmcup", "\u{1B}[?1049l"),
        ]
        for (name, fallback) in wanted {
            // tigetstr answers NULL for an absent capability and (char *)-1 for a name that is not a string one.
            if let value = tigetstr(name), Int(bitPattern: value) != -1 {
                bytes += Array(String(cString: value).utf8)
            } else {
                bytes += Array(fallback.utf8)
            }
        }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        escape = buffer
    }

    /// Runs in the signal's context: no allocation, no locks, no Swift runtime calls beyond reading
    /// the two pointers set before installation.
    fileprivate static func restoreFromSignal(_ signo: Int32) {
        if let escape, let base = escape.baseAddress { _ = write(STDOUT_FILENO, base, escape.count) }
        if let savedModes { _ = tcsetattr(STDIN_FILENO, TCSANOW, savedModes) }
        // The default action back, then the signal again: it is blocked while this handler runs, so
        // it is delivered as the handler returns and ends the process as it would have ended.
        signal(signo, SIG_DFL)
        raise(signo)
    }
}

/// A C function pointer for `sigaction` (a closure that captures nothing).
private let fatalSignalHandler: @convention(c) (Int32) -> Void = { signo in
    FatalSignalGuard.restoreFromSignal(signo)
}
