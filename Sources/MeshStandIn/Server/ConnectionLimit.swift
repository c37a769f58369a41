import Synchronization

/// How many connections are open at once, shared by every connection's `PipelineInstaller`.
/// Idle sockets live up to the idle timeout and slowloris heads up to the header deadline; without
/// a cap, enough of them at once would exhaust the process's descriptors and memory. A connection
/// that finds the count full is closed at once instead of being served.
final class ConnectionLimit: Sendable {
    let maximum: Int
    private let open = Mutex(0)

    init(maximum: Int) {
        self.maximum = maximum
    }

    /// Counts one more connection and answers true, or answers false (counting nothing) when
    /// `maximum` are already open.
    func admit() -> Bool {
        open.withLock { count in
            guard count < maximum else { return false }
            count += 1
            return true
        }
    }

    /// Called once per admitted connection, when its channel has closed.
    func release() {
        open.withLock { $0 -= 1 }
    }

    /// Connections open now (for tests and logs).
    var current: Int { open.withLock { $0 } }
}
