import Foundation
import MeshAPI
import Synchronization

/// One line per upstream event (an upstream down and back, an item retried, an item failed for
/// good, a hung request), rate-limited per kind of event: a 50,000-item batch against a server
/// that answers 503 would otherwise write 300,000 lines. Past `perWindow` lines of one kind in
/// `windowSeconds`, lines of that kind are counted, and the next one that passes says how many
/// were left out. Text that came from an upstream goes through `TerminalText`; no line ever
/// holds a key (none is ever handed to this type) or a request body.
final class UpstreamEventLog: Sendable {
    enum Kind: String, Sendable {
        case down, back, retried, failed, hung, models
    }

    private struct Window {
        var start: ContinuousClock.Instant
        var written = 0
        var suppressed = 0
    }

    private let write: (@Sendable (String) -> Void)?
    private let perWindow: Int
    private let windowSeconds: Double
    private let windows = Mutex<[Kind: Window]>([:])

    init(write: (@Sendable (String) -> Void)?, perWindow: Int = 20, windowSeconds: Double = 10) {
        self.write = write
        self.perWindow = perWindow
        self.windowSeconds = windowSeconds
    }

    /// Writes `message` as `upstream <kind>: <message>` unless this kind is over its rate.
    func event(_ kind: Kind, _ message: String) {
        guard let write else { return }
        let now = ContinuousClock.now
        let leftOut: Int? = windows.withLock { windows in
            var window = windows[kind] ?? Window(start: now)
            if (now - window.start).inSeconds >= windowSeconds {
                window = Window(start: now, written: 0, suppressed: window.suppressed)
            }
            guard window.written < perWindow else {
                window.suppressed += 1
                windows[kind] = window
                return nil
            }
            let suppressed = window.suppressed
            window.written += 1
            window.suppressed = 0
            windows[kind] = window
            return suppressed
        }
        guard let leftOut else { return }
        let tail = leftOut > 0 ? " (\(leftOut) more such lines left out)" : ""
        write("upstream \(kind.rawValue): \(TerminalText.escaped(message))\(tail)")
    }
}
