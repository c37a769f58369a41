import Foundation
/// One page of `GET /v1/batches`: newest first; `has_more` says whether another page follows.
public struct BatchListPage: Codable, Hashable, Sendable {
    public var object: String
    public var data: [Batch]
    public var firstID: String?
    public var lastID: String?
    public var hasMore: Bool
    /// Rows of `data` that were not batches (no string `id`, the one required field) and were left
    /// out. Not part of the wire shape: the reader logs it.
    public var skippedRows: Int = 0
    /// The answer's `Date` header (not part of the wire shape either): the server's clock.
    public var serverDate: Date?

    enum CodingKeys: String, CodingKey {
        case object, data
        case firstID = "first_id"
        case lastID = "last_id"
        case hasMore = "has_more"
    }

    public init(data: [Batch], firstID: String?, lastID: String?, hasMore: Bool) {
        self.object = "list"
        self.data = data
        self.firstID = firstID
        self.lastID = lastID
        self.hasMore = hasMore
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        object = (try? c.decodeIfPresent(String.self, forKey: .object)) ?? "list"
        // Row by row: one row without an `id` must not take every other batch of the page with it.
        data = []
        if c.contains(.data), !(try c.decodeNil(forKey: .data)) {
            var rows = try c.nestedUnkeyedContainer(forKey: .data)
            while !rows.isAtEnd {
                if let batch = try? rows.decode(Batch.self) {
                    data.append(batch)
                } else {
                    // A failed decode does not move the container on; reading the row as any JSON does.
                    _ = try rows.decode(JSONValue.self)
                    skippedRows += 1
                }
            }
        }
        firstID = try? c.decodeIfPresent(String.self, forKey: .firstID)
        lastID = try? c.decodeIfPresent(String.self, forKey: .lastID)
        hasMore = (try? c.decodeIfPresent(Bool.self, forKey: .hasMore)) ?? false
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(object, forKey: .object)
        try c.encode(data, forKey: .data)
        try c.encode(firstID, forKey: .firstID)
        try c.encode(lastID, forKey: .lastID)
        try c.encode(hasMore, forKey: .hasMore)
    }
}
