import Foundation

/// Which batches a typed or pasted id names (`:` on the list): the id whole, without the `batch_`
/// prefix every Mesh id shares (the list drops it), or its end (what the list shows of it when
/// narrow, `…` included). Letters match in either case: a ULID is Crockford base32, which ignores
/// case, and a person retyping a tail does not know which case the server used.
///
///     BatchIDLookup.find("01JD3QK", in: ids)   // every id whose ULID ends in 01JD3QK
enum BatchIDLookup {
    static func find(_ typed: String, in ids: some Sequence<String>) -> [String] {
        var query = Substring(typed.trimmingCharacters(in: .whitespaces).lowercased())
        if query.hasPrefix("…") { query = query.dropFirst() }
        if query.hasPrefix("batch_") { query = query.dropFirst(6) }
        guard !query.isEmpty else { return [] }
        var tails: [String] = []
        for id in ids {
            var own = Substring(id.lowercased())
            if own.hasPrefix("batch_") { own = own.dropFirst(6) }
            if own == query { return [id] }
            if own.hasSuffix(query) { tails.append(id) }
        }
        return tails.sorted()
    }
}
