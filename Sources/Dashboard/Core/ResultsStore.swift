import MeshAPI

/// Item results of the batches that have them, as summaries (the bodies stay in the runtime's
/// spool, so a batch of 50,000 results costs megabytes here), and the policy of giving spool space
/// back: only when no read `reduce` started can still be reading it.
public struct ResultsStore: Hashable, Sendable {
    public var items: [String: [ItemSummary]] = [:]
    /// The batches in `items`, the one stored or opened longest ago first.
    public var recency: [String] = []
    /// Item-body reads and exports under way: asked for by `reduce`, not answered yet.
    public var readers = 0
    /// Space let go of while a read was under way, released when the last read answers.
    public var pendingRelease: [ByteSpan] = []
    /// Ended batches whose GET answered 404, with the words to show: no longer asked every round
    /// (`r` asks again), and the items screen says why instead of "loading results…" for ever.
    public var unavailable: [String: String] = [:]

    public init() {}

    public subscript(batchID: String) -> [ItemSummary]? { items[batchID] }

    /// Summaries kept, over every batch.
    public var keptCount: Int { items.values.reduce(0) { $0 + $1.count } }

    /// Marks a batch's results as the most recently used.
    public mutating func touch(_ batchID: String) {
        guard items[batchID] != nil else { return }
        recency.removeAll { $0 == batchID }
        recency.append(batchID)
    }

    /// Lets go of `released`: the release effect now, or when the last reader answers.
    public mutating func release(_ released: [ItemSummary]) -> [Effect] {
        release(spans: released.map(\.span))
    }

    public mutating func release(spans: [ByteSpan]) -> [Effect] {
        let spans = spans.filter { $0.length > 0 }
        guard !spans.isEmpty else { return [] }
        if readers > 0 {
            pendingRelease += spans
            return []
        }
        return [.spool(.release(spans: Self.merged(spans)))]
    }

    /// A read of the spool starts.
    public mutating func beginRead() { readers += 1 }

    /// A read answered: what waited for it can go.
    public mutating func endRead() -> [Effect] {
        readers = max(0, readers - 1)
        guard readers == 0, !pendingRelease.isEmpty else { return [] }
        let spans = pendingRelease
        pendingRelease = []
        return [.spool(.release(spans: Self.merged(spans)))]
    }

    /// Spans as few as they can be: results of one download lie end to end in the spool.
    static func merged(_ spans: [ByteSpan]) -> [ByteSpan] {
        var merged: [ByteSpan] = []
        for span in spans.sorted(by: { $0.offset < $1.offset }) where span.length > 0 {
            if let last = merged.last, span.offset <= last.offset + Int64(last.length) {
                let end = max(last.offset + Int64(last.length), span.offset + Int64(span.length))
                merged[merged.count - 1].length = Int(end - last.offset)
            } else {
                merged.append(span)
            }
        }
        return merged
    }
}
