/// Column widths of the batch list for a pane width. Fixed columns stay fixed; what is left goes
/// to model, project and the id in phases, so that every column's width only ever grows as the
/// terminal grows (a model name never gets shorter because the window got wider).
struct ListColumns: Hashable {
    static let status = 13
    static let bar = 6
    static let counts = 9
    static let failed = 6
    static let age = 4
    static let eta = 6
    /// The id's tail (`…` and 10 characters): the random end of a ULID tells batches apart.
    static let shortID = 11
    /// A ULID whole, without the `batch_` prefix every id shares.
    static let bareID = 26
    /// Mesh's ids whole: `batch_` and a ULID.
    static let fullID = 32
    /// The estimated cost: "$0.0006", "$12.34".
    static let cost = 7

    let id: Int
    let model: Int
    let meta: Int
    /// 0 while the list is too narrow for it.
    let cost: Int

    init(width: Int) {
        // marker, status, progress, age, eta, with one space after each. The id is not among them: at
        // 60 columns the model and a whole ETA matter more than an id tail, and at 80 the project
        // does (the detail pane shows the id whole). It comes once a tail of it fits beside them.
        let fixed = 1 + Self.status + 1 + Self.progress + 1 + Self.age + 1 + Self.eta + 1
        var spare = max(0, width - fixed - 1)
        func take(_ want: Int) -> Int {
            let given = min(max(0, want), spare)
            spare -= given
            return given
        }
        var model = take(16)
        // A project column narrower than 8 shows nothing readable: none until 8 fit, and the few
        // columns short of it stay empty (given to another column, they would be taken back).
        var meta = 0
        if spare >= 8 { meta = take(16) } else { spare = 0 }
        // The id's tail (with its space) once it fits, then a character at a time up to the whole ULID...
        var id = 0
        if spare >= Self.shortID + 1 {
            spare -= 1
            id = take(Self.shortID) + take(Self.bareID - Self.shortID)
        } else {
            spare = 0
        }
        // Once the id is a whole ULID, the cost column comes whole or not at all (the few columns
        // short of it stay empty, as for the project).
        var cost = 0
        if spare >= Self.cost + 1 { cost = take(Self.cost + 1) - 1 } else { spare = 0 }
        let both = take(16)
        model += (both + 1) / 2
        meta += both / 2
        // ...then the prefix comes back whole or not at all: the few columns short of it stay empty
        // rather than going to a column that would lose them again when the prefix fits.
        if id > 0, spare >= Self.fullID - Self.bareID { id += take(Self.fullID - Self.bareID) } else { spare = 0 }
        model += take(8)
        meta += spare
        self.id = id
        self.model = model
        self.meta = meta
        self.cost = cost
    }

    static var progress: Int { bar + 1 + counts + failed }
}
