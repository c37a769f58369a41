import NIOCore
import Testing
@testable import MeshStandIn

/// `ListPageCache` is bounded by bytes as well as by count: a client varying `limit` and `after`
/// cannot make it hold more than its budget, and it keeps serving what it holds.
@Suite struct ListPageCacheTests {
    private static func page(_ size: Int) -> ByteBuffer {
        ByteBuffer(repeating: UInt8(ascii: "x"), count: size)
    }

    @Test func neverHoldsMoreThanItsByteBudget() {
        let cache = ListPageCache(byteBudget: 10_000)
        for after in 0..<100 {
            cache.store(Self.page(900), owner: "team", after: "batch_\(after)", limit: 100, generation: 0)
            #expect(cache.bytesHeld <= 10_000)
            // The page just stored is served at once, whatever had to go to make room.
            #expect(cache.page(owner: "team", after: "batch_\(after)", limit: 100)?.readableBytes == 900)
        }
        #expect(cache.bytesHeld > 0)
    }

    @Test func storingAPageAgainCountsItsBytesOnce() {
        let cache = ListPageCache(byteBudget: 10_000)
        for _ in 0..<50 {
            cache.store(Self.page(900), owner: "team", after: nil, limit: 20, generation: 0)
        }
        #expect(cache.bytesHeld == 900)
        cache.store(Self.page(900), owner: "team", after: "batch_1", limit: 20, generation: 0)
        #expect(cache.bytesHeld == 1_800)
        #expect(cache.page(owner: "team", after: nil, limit: 20) != nil)
    }

    @Test func aPageOverTheWholeBudgetIsNotKept() {
        let cache = ListPageCache(byteBudget: 1_000)
        cache.store(Self.page(500), owner: "team", after: "batch_1", limit: 20, generation: 0)
        cache.store(Self.page(1_001), owner: "team", after: "batch_2", limit: 20, generation: 0)
        #expect(cache.page(owner: "team", after: "batch_2", limit: 20) == nil)
        // And what was there stays.
        #expect(cache.page(owner: "team", after: "batch_1", limit: 20)?.readableBytes == 500)
        #expect(ListPageCache.defaultByteBudget == 32 << 20)
    }
}
