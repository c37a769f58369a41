import MeshAPI

/// One job opened on the Jobs screen: its chunks, a row per attempt (a chunk not yet planned has
/// a row of its own), and where the selection is.
public struct OpenedJob: Hashable, Sendable {
    /// A row of the chunks view: a chunk and one of its attempts (nil: none yet).
    public struct Row: Hashable, Sendable {
        public var chunk: Int
        public var attempt: Int?
    }

    public var id: String
    public var chunks: [JobChunk] = []
    public private(set) var rows: [Row] = []
    public var scroll = ScrollState.selecting
    /// The chunks have been read at least once.
    public var loaded = false

    public init(id: String) {
        self.id = id
    }

    /// New chunks from the journal; the selection stays on the same attempt.
    mutating func update(_ chunks: [JobChunk]) {
        let kept = scroll.selected.flatMap { rows.indices.contains($0) ? rows[$0] : nil }
        self.chunks = chunks
        rows = chunks.indices.flatMap { index -> [Row] in
            let attempts = chunks[index].attempts
            return attempts.isEmpty ? [Row(chunk: index, attempt: nil)]
                : attempts.indices.map { Row(chunk: index, attempt: $0) }
        }
        if !loaded { scroll.reset(count: rows.count) }
        loaded = true
        if let kept, let at = rows.firstIndex(of: kept) { scroll.selected = at } else { scroll.settle(count: rows.count) }
    }

    /// The attempt of the selected row, if it has one.
    public var selectedAttempt: JobAttempt? {
        guard let at = scroll.selected, rows.indices.contains(at), let attempt = rows[at].attempt else { return nil }
        return chunks[rows[at].chunk].attempts[attempt]
    }
}
