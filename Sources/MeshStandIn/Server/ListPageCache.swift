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

    private struct Contents {
        var entries: [Key: Entry] = [:]
        var generations: [String: Int] = [:]
        /// The bytes of every entry's body together.
        var bytes = 0
    }

    /// Enough for every page of a few dozen busy owners; past it the cache starts over.
    private static let capacity = 4_096
    /// The count alone let a client that varies `limit` and `after` fill 4,096 pages of up to
    /// ~60 KB each (~245 MB); past this many bytes the cache starts over too.
    static let defaultByteBudget = 32 << 20

    let byteBudget: Int
    private let state = Mutex(Contents())
    private let eventLoopAnswers = Atomic<Int>(0)

    /// How many pages `CachedListPageResponder` answered (tests and the bench read it).
    var answeredOnEventLoop: Int { eventLoopAnswers.load(ordering: .relaxed) }

    init(byteBudget: Int = ListPageCache.defaultByteBudget) {
        self.byteBudget = byteBudget
    }

    /// The bytes held now (tests read it).
    var bytesHeld: Int { state.withLock { $0.bytes } }

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
        // A page over the whole budget is never kept: it would empty the cache for itself alone.
        guard body.readableBytes <= byteBudget else { return }
        state.withLock { state in
            let key = Key(owner: owner, after: after, limit: limit)
            if let replaced = state.entries.removeValue(forKey: key) { state.bytes -= replaced.body.readableBytes }
            if state.entries.count >= Self.capacity || state.bytes + body.readableBytes > byteBudget {
                state.entries.removeAll(keepingCapacity: true)
                state.bytes = 0
            }
            state.entries[key] = Entry(body: body, generation: generation)
            state.bytes += body.readableBytes
        }
    }

    /// A new batch of `owner`: its first pages now lack it.
    func batchCreated(owner: String) {
        state.withLock { $0.generations[owner, default: 0] += 1 }
    }
}
