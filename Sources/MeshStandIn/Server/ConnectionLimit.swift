import NIOCore
import Synchronization

/// How many connections are open at once, shared by every connection's `PipelineInstaller`, and
/// which of them have not yet sent a byte ("silent").
///
/// Idle sockets live up to the first-byte deadline and slowloris heads up to the header deadline;
/// without a cap, enough of them at once would exhaust the process's descriptors and memory. A cap
/// alone let 1,100 connections that send nothing hold every slot (each for the idle timeout, as it
/// was then) and lock every client out for 57 s. So silent connections may hold at most
/// `silentMaximum` slots (three quarters), and the rest are kept for connections that are working:
/// a new connection that finds the silent share (or all slots) taken closes the oldest silent one
/// to make room. A real client sends its request the moment it connects, so it is never the oldest
/// silent connection for long; a flood of silent ones only evicts its own. A new connection is
/// refused (closed at once) only when every slot is held by a working connection.
final class ConnectionLimit: Sendable {
    private struct State {
        var open: [ObjectIdentifier: any Channel] = [:]
        /// Silent connections by the order they came in, so the oldest goes first.
        var silent: [ObjectIdentifier: (order: Int, channel: any Channel)] = [:]
        var nextOrder = 0
    }

    let maximum: Int
    let silentMaximum: Int
    private let state = Mutex(State())

    init(maximum: Int) {
        self.maximum = maximum
        silentMaximum = max(1, maximum * 3 / 4)
    }

    /// Counts `channel` in (as silent) and answers true, or answers false (counting nothing) when
    /// every slot is held by a working connection. May close the oldest silent connection.
    func admit(_ channel: any Channel) -> Bool {
        let id = ObjectIdentifier(channel)
        var evicted: (any Channel)?
        let admitted = state.withLock { state in
            if state.silent.count >= silentMaximum || state.open.count >= maximum,
               let oldest = state.silent.min(by: { $0.value.order < $1.value.order })
            {
                state.silent.removeValue(forKey: oldest.key)
                state.open.removeValue(forKey: oldest.key)
                evicted = oldest.value.channel
            }
            guard state.open.count < maximum else { return false }
            state.open[id] = channel
            state.silent[id] = (state.nextOrder, channel)
            state.nextOrder += 1
            return true
        }
        evicted?.close(promise: nil)
        return admitted
    }

    /// The connection's first bytes came: it is working, and no longer one to evict.
    func working(_ channel: any Channel) {
        _ = state.withLock { $0.silent.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Called once per admitted connection, when its channel has closed.
    func release(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        state.withLock { state in
            state.open.removeValue(forKey: id)
            state.silent.removeValue(forKey: id)
        }
    }

    /// Closes every connection still open (a shutdown whose deadline passed).
    func closeAll() {
        let channels = state.withLock { Array($0.open.values) }
        for channel in channels { channel.close(promise: nil) }
    }

    /// Connections open now, and how many of them are silent (for tests and logs).
    var current: (open: Int, silent: Int) { state.withLock { ($0.open.count, $0.silent.count) } }
}
