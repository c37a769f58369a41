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

    /// Sorting by precomputed keys (the items screen's sort of 50,000 ids) orders exactly as
    /// `precedes` does, on strings made to hit every case: digit runs with leading zeros, text runs
    /// that are prefixes of others, punctuation below and above the digits.
    @Test func keysOrderAsPrecedesDoes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab0017-_ Z~é")
        let strings = (0..<300).map { _ in
            String((0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        } + ["doc-2", "doc-10", "doc-010", "doc-10a", "doc", "doc-", "07", "7", ""]
        let keys = strings.map(NaturalOrder.Key.init)
        for i in strings.indices {
            for j in strings.indices {
                #expect((keys[i] < keys[j]) == NaturalOrder.precedes(strings[i], strings[j]),
                        "\(strings[i].debugDescription) vs \(strings[j].debugDescription)")
            }
        }
    }
}
