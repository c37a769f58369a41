import MeshAPI

/// The query of `GET /v1/batches`, read once for both ways a list is answered: the route, and
/// `CachedListPageResponder` on the event loop. One reading keeps the two from ever disagreeing
/// on what a valid query is.
struct ListQuery: Equatable {
    static let defaultLimit = 20

    var limit: Int
    /// The cursor, nil when absent or empty.
    var after: String?

    /// `limit` is 1-100 (default 20); anything else is the contract's 422 on `query.limit`.
    static func parse(limit limitText: String?, after afterText: String?) throws(APIFailure) -> ListQuery {
        var limit = defaultLimit
        if let limitText {
            guard let value = Int(limitText), (1...100).contains(value) else {
                throw APIFailure.invalid(
                    loc("query", "limit"), "Input should be an integer between 1 and 100",
                    type: Int(limitText) == nil ? "int_parsing" : "less_than_equal", input: .string(limitText))
            }
            limit = value
        }
        return ListQuery(limit: limit, after: afterText.flatMap { $0.isEmpty ? nil : $0 })
    }
}
