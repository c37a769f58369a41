/// What the items screen asks of a batch's items: filters and order.
public struct ItemsQuery: Hashable, Sendable {
    public var outcome: ItemOutcomeFilter = .all
    public var errorCode: String?
    public var search = ""
    public var sort: ItemSortKey = .submitted
    public var reversed = false

    public init(outcome: ItemOutcomeFilter = .all, errorCode: String? = nil, search: String = "",
                sort: ItemSortKey = .submitted, reversed: Bool = false) {
        self.outcome = outcome
        self.errorCode = errorCode
        self.search = search
        self.sort = sort
        self.reversed = reversed
    }

    public var isFiltered: Bool { outcome != .all || errorCode != nil || !search.isEmpty }

    /// What an export of the items shown is named after: "items" unfiltered, else each filter in
    /// turn ("failed", "failed-upstream_error", "search-timeout"), so exports of different selections
    /// do not share one file name.
    public var exportSuffix: String {
        var parts: [String] = []
        if outcome != .all { parts.append(outcome.rawValue.replacingOccurrences(of: " ", with: "-")) }
        if let errorCode { parts.append(Self.fileNamePart(errorCode, limit: 40)) }
        if !search.isEmpty { parts.append("search-" + Self.fileNamePart(search, limit: 40)) }
        return parts.isEmpty ? "items" : parts.joined(separator: "-")
    }

    /// `text` made safe inside a file name: an error code, a search or a batch id is anyone's text
    /// (a `/` or `..` would write elsewhere), so only `A-Za-z0-9._-` stay and the rest become `_`.
    public static func fileNamePart(_ text: String, limit: Int? = nil) -> String {
        let scalars = limit.map { Array(text.unicodeScalars.prefix($0)) } ?? Array(text.unicodeScalars)
        let kept = scalars.map { scalar -> Character in
            let safe = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "." || scalar == "_" || scalar == "-"
            return safe ? Character(scalar) : "_"
        }
        // Never a name of dots alone.
        let name = String(kept)
        return name.allSatisfy { $0 == "." } ? name.replacingOccurrences(of: ".", with: "_") : name
    }
}
