import Foundation
import Synchronization

/// What the runner says about store writes that fail (a full disk) and come back: one line when
/// the trouble starts, at most one every `interval` while it lasts (with how many failures it
/// did not repeat), and one when writes work again. Every batch and item retries on its own, so
/// without this a full disk would write a line per item per retry into the log, which may itself
/// sit on the full disk.
final class StoreWriteTrouble: Sendable {
    private struct State {
        var failing = false
        var lastSaid: ContinuousClock.Instant?
        var unsaid = 0
    }

    static let interval: Duration = .seconds(10)
    private let log: (@Sendable (String) -> Void)?
    private let state = Mutex(State())

    init(log: (@Sendable (String) -> Void)?) {
        self.log = log
    }

    /// A write for `what` (a batch) failed with `error`; it will be tried again.
    func failed(_ what: String, error: any Error) {
        let now = ContinuousClock.now
        let line: String? = state.withLock { state in
            state.failing = true
            if let last = state.lastSaid, now - last < Self.interval {
                state.unsaid += 1
                return nil
            }
            let repeated = state.unsaid > 0 ? " (\(state.unsaid) more failed writes since the last line)" : ""
            state.lastSaid = now
            state.unsaid = 0
            return "store: cannot write \(what): \(BatchStoreError.storage(error).map(Self.cause) ?? "\(error)"); "
                + "retrying until it works\(repeated)"
        }
        if let line { log?(line) }
    }

    /// A write worked: after trouble, say so once.
    func succeeded() {
        let recovered = state.withLock { state in
            guard state.failing else { return false }
            state = State()
            return true
        }
        if recovered { log?("store: writes work again; batches go on") }
    }

    private static func cause(_ error: BatchStoreError) -> String {
        if case .cannotWrite(let cause) = error { return cause }
        return "\(error)"
    }
}
