import Foundation
import MeshAPI
import Testing
import MeshtopTestSupport

/// Paging, owner isolation and the one-transaction batch limit.
@Suite struct ListingAndIsolationTests {
    @Test func pagesOver250Batches() async throws {
        let harness = try await StandInHarness.start {
            $0.activeBatchLimit = 1_000
            $0.speed = 0.001
        }
        try await withTeardown({ await harness.stop() }) {
            let created = try await harness.createBatches(250, itemsEach: 1)
            #expect(created == created.sorted(), "ids sort by creation time")

            let first = try #require(try await harness.call("GET", "/v1/batches").page)
            #expect(first.data.count == 20 && first.hasMore)

            var seen: [String] = []
            var after: String?
            var pages = 0
            repeat {
                let path = "/v1/batches?limit=100" + (after.map { "&after=\($0)" } ?? "")
                let page = try #require(try await harness.call("GET", path).page)
                #expect(page.firstID == page.data.first?.id && page.lastID == page.data.last?.id)
                #expect(page.data.allSatisfy { $0.results == nil })
                seen += page.data.map(\.id)
                after = page.hasMore ? page.lastID : nil
                pages += 1
            } while after != nil
            #expect(pages == 3)
            #expect(seen == created.reversed(), "newest first, each batch once")
        }
    }

    /// Pages of finished batches are answered from stored bytes: the same answer as the query
    /// gave, a first page that takes in a new batch at once, pages behind a cursor that keep
    /// theirs, and another owner's pages apart.
    @Test func storedPagesOfFinishedBatchesStayTrue() async throws {
        let harness = try await StandInHarness.start()
        try await withTeardown({ await harness.stop() }) {
            var finished: [String] = []
            for _ in 0..<5 {
                let id = try #require(try await harness.create(StandInHarness.batchBody(count: 1)).batch?.id)
                _ = try await harness.waitFor(id) { $0.status == .completed }
                finished.append(id)
            }
            let first = try await harness.call("GET", "/v1/batches?limit=3")
            let again = try await harness.call("GET", "/v1/batches?limit=3")
            #expect(first.body == again.body)
            #expect(first.page?.data.map(\.id) == Array(finished.reversed().prefix(3)))
            let behind = try await harness.call("GET", "/v1/batches?limit=3&after=\(finished[3])")
            #expect(behind.page?.data.map(\.id) == Array(finished.reversed().suffix(3)))

            // A new batch is on the first page at once, and it is running, so that page is live. It has
            // 1,000 items (~600 ms of real time at --speed 1000): one item could end before the next GET
            // on a loaded machine, and the page would rightly be all terminal.
            let fresh = try #require(try await harness.create(StandInHarness.batchBody(count: 1_000)).batch?.id)
            let withFresh = try #require(try await harness.call("GET", "/v1/batches?limit=3").page)
            #expect(withFresh.data.first?.id == fresh && withFresh.data.first?.isTerminal == false)
            _ = try await harness.waitFor(fresh) { $0.status == .completed }
            let settled = try #require(try await harness.call("GET", "/v1/batches?limit=3").page)
            #expect(settled.data.first?.status == .completed, "the first page shows the batch's end, not a stored running copy")
            // Behind the cursor nothing changed, and the other owner sees none of it.
            #expect(try await harness.call("GET", "/v1/batches?limit=3&after=\(finished[3])").body == behind.body)
            #expect(try await harness.call("GET", "/v1/batches?limit=3", key: StandInHarness.keyB).page?.data.isEmpty == true)
        }
    }

    @Test func ownersSeeOnlyTheirOwn() async throws {
        let harness = try await StandInHarness.start { $0.speed = 0.001 }
        try await withTeardown({ await harness.stop() }) {
            let mine = try #require(try await harness.create(StandInHarness.batchBody(count: 1)).batch?.id)
            let theirs = try #require(
                try await harness.create(StandInHarness.batchBody(count: 1), key: StandInHarness.keyB).batch?.id)

            let listA = try #require(try await harness.call("GET", "/v1/batches").page)
            #expect(listA.data.map(\.id) == [mine])
            let foreignGet = try await harness.call("GET", "/v1/batches/\(theirs)")
            #expect(foreignGet.status == 404 && foreignGet.json["error"]?["code"]?.stringValue == "not_found")
            let foreignCancel = try await harness.call("POST", "/v1/batches/\(theirs)/cancel")
            #expect(foreignCancel.status == 404)
            let foreignAfter = try await harness.call("GET", "/v1/batches?after=\(theirs)")
            #expect(foreignAfter.status == 422)
            let stillValidating = try await harness.call("GET", "/v1/batches/\(theirs)", key: StandInHarness.keyB)
            #expect(stillValidating.batch?.status == .validating)
        }
    }

    @Test func concurrentCreatesNeverPassTheLimit() async throws {
        let harness = try await StandInHarness.start { $0.speed = 0.001 }
        try await withTeardown({ await harness.stop() }) {
            for _ in 0..<5 { #expect(try await harness.create(StandInHarness.batchBody(count: 1)).status == 200) }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await harness.create(StandInHarness.batchBody(count: 3)).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 5)
            #expect(statuses.filter { $0 == 429 }.count == 15)
            let page = try #require(try await harness.call("GET", "/v1/batches?limit=100").page)
            #expect(page.data.count == 10)
        }
    }
}
