/// Every page of `GET /v1/batches`, newest first, fetched one at a time as the sequence is iterated.
///
///     for try await page in client.allBatchPages(limit: 100) { batches += page.data }
public struct BatchPages: AsyncSequence, Sendable {
    public typealias Element = BatchListPage

    let client: any BatchAPI
    let limit: Int

    public init(client: any BatchAPI, limit: Int = 100) {
        self.client = client
        self.limit = limit
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(client: client, limit: limit) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let client: any BatchAPI
        let limit: Int
        var after: String?
        var finished = false
        /// Every cursor handed out so far: a server that repeats one (A, B, A, ...) would loop for ever.
        var cursors: Set<String> = []

        public mutating func next() async throws -> BatchListPage? {
            guard !finished else { return nil }
            let page = try await client.listBatches(after: after, limit: limit)
            // `last_id` is optional for servers; the last batch of the page is the same cursor.
            let cursor = page.lastID ?? page.data.last?.id
            // Stop on an empty page or a cursor seen before, so a confused server cannot loop us.
            if !page.hasMore || page.data.isEmpty || cursor.map({ !cursors.insert($0).inserted }) ?? true { finished = true }
            after = cursor
            return page
        }
    }
}

extension BatchAPI {
    /// All of the owner's batches, page by page (`limit` per page, at most 100).
    public func allBatchPages(limit: Int = 100) -> BatchPages { BatchPages(client: self, limit: limit) }
}
