/// Column widths of the batch list for a pane width. Fixed columns first; model and metadata
/// share what is left, so wide terminals show more of both.
struct ListColumns {
    static let status = 13
    static let bar = 6
    static let counts = 9
    static let failed = 5
    static let age = 4
    static let eta = 6

    let id: Int
    let model: Int
    let meta: Int

    init(width: Int) {
        let idWidth = width >= 110 ? 30 : 10
        // marker, status, id, progress (bar + counts + failed), age, eta, with one space between.
        let fixed = 1 + Self.status + 1 + idWidth + 1 + (Self.bar + 1 + Self.counts + Self.failed) + 1 + Self.age + 1 + Self.eta + 1
        let rest = max(0, width - fixed - 2)
        id = idWidth
        model = max(0, min(30, rest / 2))
        meta = max(0, rest - model)
    }

    var progress: Int { Self.bar + 1 + Self.counts + Self.failed }
}
