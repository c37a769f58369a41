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

    /// A result past `largeElementBytes` is written to the spool piece by piece as it arrives and
    /// summarized from a `CappedJSONCopy` of it (strings cut at `digestStringBytes`), so one huge
    /// result costs a few megabytes, not its size three times over (a 1 GiB message took 4.1 GB).
    public static let largeElementBytes = 1 << 20
    static let digestStringBytes = 16 * 1024
    static let digestCopyBytes = 4 << 20
    /// The most one result may take on disk: the spool region a large one reserves.
    private let largeReservation: Int64
    /// The large result being written, if any.
    private var large: (offset: Int64, written: Int64, copy: CappedJSONCopy)?
    /// A large result's bytes when the spool is in memory (nowhere to reserve): appended whole.
    private var largeInMemory: [UInt8] = []

    /// `largeReservation`: the most bytes one result may have (the download's own cap).
    public init(spool: ResultSpool, largeReservation: Int64 = 64 << 30) {
        self.spool = spool
        self.largeReservation = largeReservation
    }

    /// Takes the next piece of a result (`BatchBodySplitter.consume(_:spillingAt:onPiece:)`): the
    /// first piece that is not the last makes it a large one, written straight to the spool.
    public mutating func add(piece: ArraySlice<UInt8>, last: Bool) throws {
        if large == nil, largeInMemory.isEmpty {
            if last { return try add(piece) }
            try flush()
            guard let offset = spool.reserve(largeReservation) else {
                largeInMemory.append(contentsOf: piece)
                return
            }
            large = (offset, 0, CappedJSONCopy(stringLimit: Self.digestStringBytes, byteLimit: Self.digestCopyBytes))
        }
        guard var current = large else {
            largeInMemory.append(contentsOf: piece)
            if last {
                defer { largeInMemory = [] }
                try add(largeInMemory[...])
            }
            return
        }
        if current.written + Int64(piece.count) > largeReservation {
            throw ResultSpoolError("one result is larger than \(largeReservation) bytes")
        }
        try piece.withUnsafeBytes { bytes in
            try spool.write(bytes, at: current.offset + current.written)
            current.copy.consume(bytes)
        }
        current.written += Int64(piece.count)
        large = current
        guard last else { return }
        large = nil
        spool.endReservation(at: current.offset, reserved: largeReservation, used: current.written)
        let span = ByteSpan(offset: current.offset, length: Int(current.written))
        written.append(span)
        guard !current.copy.overflowed, let digest = ResultDigest.reading(Data(current.copy.bytes)) else { return }
        summarize(digest, span: span)
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
        if let large { spool.release(ByteSpan(offset: large.offset, length: Int(large.written))) }
    }

    private mutating func flush() throws {
        guard !block.isEmpty else { return }
        let base = try block.withUnsafeBytes { try spool.append($0) }
        written.append(ByteSpan(offset: base, length: block.count))
        for (start, length) in pending {
            guard let digest = ResultDigest.reading(Data(block[start..<start + length])) else { continue }
            summarize(digest, span: ByteSpan(offset: base + Int64(start), length: length))
        }
        block.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func summarize(_ digest: ResultDigest, span: ByteSpan) {
        if let itemUsage = digest.usage { usage = usage + itemUsage }
        items.append(ItemSummary(customID: digest.customID, outcome: digest.outcome, statusCode: digest.statusCode,
                                 error: digest.error.map(ItemSummary.capped), totalTokens: digest.usage?.totalTokens,
                                 answerStart: digest.answerStart, span: span))
    }
}
