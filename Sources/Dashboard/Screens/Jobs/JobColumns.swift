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
        var fixed = 1 + Self.state + 1 + Self.bar + 1 + Self.counts + 1 + Self.failed + 1 + Self.eta + 1
        if showsLive { fixed += Self.live + 1 }
        if showsWide { fixed += Self.queued + 1 + Self.slots + 1 + Self.cost + 1 }
        if showsRunner { fixed += Self.runner }
        let longest = names.map { TextWidth.of($0) }.max() ?? 4
        name = max(8, min(32, min(max(4, longest), width - fixed - 1)))
    }

    var heading: String {
        var text = " " + TextWidth.fit("NAME", to: name) + " " + TextWidth.fit("STATE", to: Self.state) + " "
            + TextWidth.fit("PROGRESS", to: Self.bar) + " " + TextWidth.fit("DONE", to: Self.counts) + " "
            + TextWidth.fit("FAILED", to: Self.failed) + " "
        if showsLive { text += TextWidth.fit("LIVE", to: Self.live) + " " }
        if showsWide { text += TextWidth.fit("QUEUED", to: Self.queued) + " " + TextWidth.fit("SLOTS", to: Self.slots) + " " }
        text += TextWidth.fit("    ETA", to: Self.eta) + " "
        if showsWide { text += TextWidth.fit("EST.COST", to: Self.cost) + " " }
        if showsRunner { text += "RUNNER" }
        return text
    }
}
