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
        total = (try? container.decodeIfPresent(Int.self, forKey: .total)) ?? 0
        completed = (try? container.decodeIfPresent(Int.self, forKey: .completed)) ?? 0
        failed = (try? container.decodeIfPresent(Int.self, forKey: .failed)) ?? 0
    }

    /// Items neither succeeded nor failed yet.
    public var pending: Int { max(0, total - completed - failed) }

    /// Items finished either way.
    public var finished: Int { completed + failed }
}
