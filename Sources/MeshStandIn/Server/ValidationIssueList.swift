import MeshAPI

/// A 422's issues as FastAPI reports them: every one found, up to a cap, in the order found.
struct ValidationIssueList {
    static let cap = 50

    private(set) var all: [ValidationIssue] = []

    var isEmpty: Bool { all.isEmpty }

    mutating func add(_ loc: [JSONValue], _ msg: String, _ type: String, _ input: JSONValue? = nil) {
        guard all.count < Self.cap else { return }
        all.append(ValidationIssue(type: type, loc: loc, msg: msg, input: input))
    }

    /// `other`'s issues after these, as many as the cap leaves room for.
    mutating func append(_ other: ValidationIssueList) {
        all += other.all.prefix(Self.cap - all.count)
    }

    mutating func removeAll() {
        all.removeAll()
    }
}
