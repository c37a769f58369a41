/// Where one result object sits in a `ResultSpool`: its first byte and its length.
public struct ByteSpan: Hashable, Sendable {
    public var offset: Int64
    public var length: Int

    public init(offset: Int64, length: Int) {
        self.offset = offset
        self.length = length
    }
}
