import MeshAPI

/// The items screen's rows for one batch and one query, computed when results arrive or the query
/// changes, so drawing a batch of 50,000 results does not rescan them every frame.
public struct ItemsIndex: Hashable, Sendable {
    /// Indexes into the batch's `ResultsStore` items of the rows shown, in the query's order.
    public var shown: [Int]
    /// Failed and unrun items grouped by error code, most frequent first (over all items, not the
    /// shown ones: the line is how a person picks a code).
    public var groups: [FailureGroup]
    public var succeeded: Int
    public var failed: Int
    public var notRun: Int
    /// The widest custom_id among the rows shown (display columns): the CUSTOM ID column is sized
    /// to it, measured here once per query rather than over 50,000 ids per frame.
    public var widestCustomID: Int

    public struct FailureGroup: Hashable, Sendable {
        public var code: String
        public var count: Int
    }

    public init(items: [ItemSummary], query: ItemsQuery) {
        var shown: [Int] = []
        shown.reserveCapacity(items.count)
        var counts: [String: Int] = [:]
        var succeeded = 0, failed = 0, notRun = 0
        let needle = SearchFolding(query.search)
        for (index, item) in items.enumerated() {
            switch item.outcome {
            case .succeeded: succeeded += 1
            case .failed: failed += 1
            case .notRun: notRun += 1
            }
            let code = item.outcome == .succeeded ? nil : Self.code(of: item)
            if let code { counts[code, default: 0] += 1 }
            guard query.outcome.admits(item.outcome) else { continue }
            if let wanted = query.errorCode, code != wanted { continue }
            if !needle.isEmpty, !Self.matches(item, needle) { continue }
            shown.append(index)
        }
        switch query.sort {
        case .submitted: break
        case .customID:
            // Keys once per item, not per comparison: 50,000 ids compared through `NaturalOrder`
            // directly took 140 ms; this is a few tens.
            var keyed = shown.map { (key: NaturalOrder.Key(items[$0].customID), index: $0) }
            keyed.sort { $0.key < $1.key }
            shown = keyed.map(\.index)
        case .status:
            shown.sort {
                let l = Self.rank(items[$0].outcome), r = Self.rank(items[$1].outcome)
                return l != r ? l < r : $0 < $1
            }
        case .tokens:
            shown.sort {
                let l = items[$0].totalTokens ?? -1, r = items[$1].totalTokens ?? -1
                return l != r ? l > r : $0 < $1
            }
        }
        if query.reversed { shown.reverse() }
        widestCustomID = shown.reduce(0) { max($0, TextWidth.of(items[$1].customID)) }
        self.shown = shown
        self.succeeded = succeeded
        self.failed = failed
        self.notRun = notRun
        groups = counts.map { FailureGroup(code: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
    }

    /// The code an unsuccessful item is grouped under.
    public static func code(of item: ItemSummary) -> String {
        item.error?.code ?? item.statusCode.map { "http \($0)" } ?? "unknown"
    }

    /// Failures first: they are what a person opens the items to see.
    static func rank(_ outcome: ItemOutcome) -> Int {
        switch outcome {
        case .failed: return 0
        case .notRun: return 1
        case .succeeded: return 2
        }
    }

    /// `/` in the items: the custom_id, the error's message and code, folded (`SearchFolding`).
    static func matches(_ item: ItemSummary, _ needle: SearchFolding) -> Bool {
        if needle.matches(item.customID) { return true }
        if let error = item.error {
            if let message = error.message, needle.matches(message) { return true }
            if let code = error.code, needle.matches(code) { return true }
        }
        return false
    }
}
