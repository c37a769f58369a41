import NIOCore
import Synchronization

/// Whole list pages whose batches are all terminal, kept as the bytes of the answer. Such a page
/// never changes: terminal batches are final, and batches are never deleted. Only a page without
/// a cursor can gain a member (a new batch is the newest, so it comes first), which is why each
/// owner has a generation that every create bumps and that a first page is stored under.
/// Pages with an `after` cursor hold only older ids and stay valid for good.
///
/// The dashboard polls the list every few seconds; with this, a poll of a quiet team is a
/// dictionary look-up and a shared buffer, not a query and a hundred encodes.
final class ListPageCache: Sendable {
    private struct Key: Hashable {
        var owner: String
        var after: String?
        var limit: Int
    }

    private struct Entry {
        var body: ByteBuffer
        var generation: Int
    }

    /// Enough for every page of a few dozen busy owners; past it the cache starts over.
    private static let capacity = 4_096

    private let state = Mutex<(entries: [Key: Entry], generations: [String: Int])>(([:], [:]))
    private let eventLoopAnswers = Atomic<Int>(0)

    /// How many pages `CachedListPageResponder` answered (tests and the bench read it).
    var answeredOnEventLoop: Int { eventLoopAnswers.load(ordering: .relaxed) }

    func countEventLoopAnswer() {
        eventLoopAnswers.add(1, ordering: .relaxed)
    }

    /// Read before the query that may fill the cache, so a create that lands during the query
    /// makes the stored page stale rather than wrongly current.
    func generation(owner: String) -> Int {
        state.withLock { $0.generations[owner, default: 0] }
    }

    func page(owner: String, after: String?, limit: Int) -> ByteBuffer? {
        state.withLock { state in
            let key = Key(owner: owner, after: after, limit: limit)
            guard let entry = state.entries[key] else { return nil }
            if after == nil, entry.generation != state.generations[owner, default: 0] { return nil }
            return entry.body
        }
    }

    func store(_ body: ByteBuffer, owner: String, after: String?, limit: Int, generation: Int) {
        state.withLock { state in
            if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[Key(owner: owner, after: after, limit: limit)] = Entry(body: body, generation: generation)
        }
    }

    /// A new batch of `owner`: its first pages now lack it.
    func batchCreated(owner: String) {
        state.withLock { $0.generations[owner, default: 0] += 1 }
    }
}
