import MeshAPI
import Testing

/// custom_ids as people count them: digit runs by value, the rest by character.
@Suite struct NaturalOrderTests {
    @Test func digitRunsCompareByValue() {
        let ids = ["doc-10", "doc-2", "doc-1", "doc-02", "a", "doc-", "doc-100000000000000000000001", "doc-99", "b-1"]
        #expect(ids.sorted(by: NaturalOrder.precedes)
            == ["a", "b-1", "doc-", "doc-1", "doc-02", "doc-2", "doc-10", "doc-99", "doc-100000000000000000000001"])
    }

    @Test func theOrderIsStrict() {
        #expect(!NaturalOrder.precedes("x1", "x1"))
        #expect(NaturalOrder.precedes("x01", "x1") != NaturalOrder.precedes("x1", "x01"))
    }
}
