import Foundation

/// Takes result objects one at a time (from a `BatchBodySplitter` or the lines of a results file),
/// writes them to a `ResultSpool` in blocks of about 256 KiB, and keeps only an `ItemSummary` of
/// each. An element that is not a result object is skipped: one bad item should not hide the rest.
///
///     var collector = ResultsCollector(spool: spool)
///     try collector.add(elementBytes)   // for each result
///     try collector.finish()            // then read collector.items and collector.usage
public struct ResultsCollector {
    public let spool: ResultSpool
    public private(set) var items: [ItemSummary] = []
    public private(set) var usage = TokenUsage()

    /// The blocks written so far, so a failed download can give their space back (`discard`).
    public private(set) var written: [ByteSpan] = []
    private var block: [UInt8] = []
    /// Where each element of `block` starts in it, and its length.
    private var pending: [(start: Int, length: Int)] = []
    static let blockSize = 256 * 1024

    public init(spool: ResultSpool) {
        self.spool = spool
    }

    public mutating func add(_ element: ArraySlice<UInt8>) throws {
        pending.append((block.count, element.count))
        block.append(contentsOf: element)
        if block.count >= Self.blockSize { try flush() }
    }

    /// Writes what is still buffered. Call once after the last element.
    public mutating func finish() throws {
        try flush()
    }

    /// Gives the space of the blocks written after the first `kept` back to the spool (all of them by
    /// default); the summaries of those blocks must not be used.
    public func discard(keepingFirst kept: Int = 0) {
        for span in written.dropFirst(kept) { spool.release(span) }
    }

    private mutating func flush() throws {
        guard !block.isEmpty else { return }
        let base = try block.withUnsafeBytes { try spool.append($0) }
        written.append(ByteSpan(offset: base, length: block.count))
        for (start, length) in pending {
            guard let digest = ResultDigest.reading(Data(block[start..<start + length])) else { continue }
            if let itemUsage = digest.usage { usage = usage + itemUsage }
            items.append(ItemSummary(customID: digest.customID, outcome: digest.outcome, statusCode: digest.statusCode,
                                     error: digest.error.map(ItemSummary.capped), totalTokens: digest.usage?.totalTokens,
                                     answerStart: digest.answerStart,
                                     span: ByteSpan(offset: base + Int64(start), length: length)))
        }
        block.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
    }
}
