/// The columns of the list of jobs at a width: the name takes what the fixed columns leave
/// (8 to 32 cells); live, then queued/slots/cost, then the runner appear as the terminal widens
/// (the facts under the rows always have them all).
struct JobColumns {
    static let state = 10
    static let bar = 10
    static let counts = 11
    static let failed = 6
    static let live = 4
    static let queued = 6
    static let slots = 5
    static let eta = 7
    static let cost = 8
    static let runner = 24

    let name: Int
    let showsLive: Bool
    let showsWide: Bool
    let showsRunner: Bool

    init(width: Int, names: [String]) {
        showsLive = width >= 80
        showsWide = width >= 110
        showsRunner = width >= 150
        var fixed = 1 + ColumnHeading.span(Self.state, Self.bar, Self.counts, Self.failed, Self.eta)
        if showsLive { fixed += ColumnHeading.span(Self.live) }
        if showsWide { fixed += ColumnHeading.span(Self.queued, Self.slots, Self.cost) }
        if showsRunner { fixed += Self.runner }
        let longest = names.map { TextWidth.of($0) }.max() ?? 4
        name = max(8, min(32, min(max(4, longest), width - fixed - 1)))
    }

    var heading: String {
        var heading = ColumnHeading()
        heading.add("NAME", name)
        heading.add("STATE", Self.state)
        heading.add("PROGRESS", Self.bar)
        heading.add("DONE", Self.counts)
        heading.add("FAILED", Self.failed)
        heading.add("LIVE", Self.live, shown: showsLive)
        heading.add("QUEUED", Self.queued, shown: showsWide)
        heading.add("SLOTS", Self.slots, shown: showsWide)
        heading.add("    ETA", Self.eta)
        heading.add("EST.COST", Self.cost, shown: showsWide)
        heading.addLast("RUNNER", shown: showsRunner)
        return heading.text
    }
}
