/// How many items a batch has, and how many have succeeded or failed so far.
/// `total - completed - failed` items are not finished.
public struct RequestCounts: Codable, Hashable, Sendable {
    public var total: Int
    public var completed: Int
    public var failed: Int

    public init(total: Int = 0, completed: Int = 0, failed: Int = 0) {
        self.total = total
        self.completed = completed
        self.failed = failed
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // A negative or absurd count (Int.max) is treated as absent, like a missing one.
        total = WireNumber.count(try? container.decodeIfPresent(Int.self, forKey: .total)) ?? 0
        completed = WireNumber.count(try? container.decodeIfPresent(Int.self, forKey: .completed)) ?? 0
        failed = WireNumber.count(try? container.decodeIfPresent(Int.self, forKey: .failed)) ?? 0
    }

    /// Items neither succeeded nor failed yet. Saturating: counts made in code are not range-checked.
    public var pending: Int { max(0, WireNumber.difference(total, finished)) }

    /// Items finished either way (saturating, as `pending`).
    public var finished: Int { WireNumber.sum(completed, failed) }

    /// The counts as a progress bar may draw them: never negative, and neither finished part above
    /// `total` (a server that says 600 of 500 done shows 500 of 500, not a bar past its column).
    public var clampedToTotal: RequestCounts {
        let total = max(0, total)
        let completed = min(max(0, completed), total)
        let failed = min(max(0, failed), total - completed)
        return RequestCounts(total: total, completed: completed, failed: failed)
    }
}
