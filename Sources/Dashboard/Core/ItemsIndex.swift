import MeshAPI

/// The items view's rows for one batch, computed when results arrive or the filter changes,
/// so rendering a batch of 50,000 results does not rescan them every frame.
public struct ItemsIndex: Hashable, Sendable {
    public var batchID: String
    public var failedOnly: Bool
    /// Indexes into the batch's `DashboardState.results` of the rows shown.
    public var shown: [Int]
    /// Failed or unrun items grouped by error code, most frequent first.
    public var failureGroups: [(code: String, count: Int)] { groups.map { ($0.code, $0.count) } }
    var groups: [FailureGroup]
    public var succeeded: Int
    public var failed: Int
    public var notRun: Int

    struct FailureGroup: Hashable, Sendable {
        var code: String
        var count: Int
    }

    public init(batchID: String, items: [ItemSummary]?, failedOnly: Bool) {
        self.batchID = batchID
        self.failedOnly = failedOnly
        var shown: [Int] = []
        var counts: [String: Int] = [:]
        var succeeded = 0, failed = 0, notRun = 0
        for (index, item) in (items ?? []).enumerated() {
            switch item.outcome {
            case .succeeded: succeeded += 1
            case .failed: failed += 1
            case .notRun: notRun += 1
            }
            if item.outcome != .succeeded {
                counts[item.error?.code ?? "unknown", default: 0] += 1
            }
            if !failedOnly || item.outcome != .succeeded { shown.append(index) }
        }
        self.shown = shown
        self.succeeded = succeeded
        self.failed = failed
        self.notRun = notRun
        groups = counts.map { FailureGroup(code: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
    }
}
