/// GETs of single batches: which are under way, and which batches answered 404.
public struct BatchFetches: Hashable, Sendable {
    /// Batches with a GET under way: never a second one at the same time (a batch of 50,000 results
    /// fetched twice at once would hold both answers' summaries).
    public var underWay: Set<String> = []
    /// 404s in a row for batches that are non-terminal here: at two the batch is dropped.
    public var goneStrikes: [String: Int] = [:]

    public init() {}
}
