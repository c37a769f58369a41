/// Every page of `GET /v1/batches`, newest first, fetched one at a time as the sequence is iterated.
///
///     for try await page in client.allBatchPages(limit: 100) { batches += page.data }
public struct BatchPages: AsyncSequence, Sendable {
    public typealias Element = BatchListPage

    /// Pages one walk reads at most (10,000 batches at 100 a page), the dashboard's cap too: a
    /// server answering `has_more` with a fresh cursor on every page would otherwise never let a
    /// walk end.
    public static let maxPages = 100

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
        var pages = 0

        public mutating func next() async throws -> BatchListPage? {
            guard !finished else { return nil }
            let page = try await client.listBatches(after: after, limit: limit)
            pages += 1
            // `last_id` is optional for servers; the last batch of the page is the same cursor.
            let cursor = page.lastID ?? page.data.last?.id
            // Stop on an empty page or a cursor seen before, so a confused server cannot loop us.
            if !page.hasMore || page.data.isEmpty || cursor.map({ !cursors.insert($0).inserted }) ?? true
                || pages >= BatchPages.maxPages { finished = true }
            after = cursor
            return page
        }
    }
}

extension BatchAPI {
    /// All of the owner's batches, page by page (`limit` per page, at most 100).
    public func allBatchPages(limit: Int = 100) -> BatchPages { BatchPages(client: self, limit: limit) }
}
