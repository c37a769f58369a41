/// The progress bar's glyphs, one per outcome, so the bar reads without colour.
enum ProgressGlyphs {
    static let succeeded = "█"
    static let failed = "▓"
    static let notRun = "░"
    static let toDo = "·"
    static let legend = "\(succeeded) succeeded  \(failed) failed  \(notRun) not run (the batch ended)  \(toDo) still to do"

    /// Cells of a `cells`-wide bar for each part, proportional (largest remainder), summing to
    /// `cells` when `total` > 0: one failure in 3,000 gets no cell, as it is no visible share.
    static func split(succeeded: Int, failed: Int, notRun: Int, total: Int, cells: Int) -> (Int, Int, Int) {
        guard total > 0, cells > 0 else { return (0, 0, 0) }
        let parts = [succeeded, failed, notRun, max(0, total - succeeded - failed - notRun)].map { max(0, $0) }
        let exact = parts.map { Double($0) * Double(cells) / Double(total) }
        var whole = exact.map { Int($0.rounded(.down)) }
        var left = cells - whole.reduce(0, +)
        let byRemainder = exact.indices.sorted { (exact[$0] - Double(whole[$0])) > (exact[$1] - Double(whole[$1])) }
        for index in byRemainder where left > 0 && exact[index] > Double(whole[index]) {
            whole[index] += 1
            left -= 1
        }
        return (whole[0], whole[1], whole[2])
    }
}
