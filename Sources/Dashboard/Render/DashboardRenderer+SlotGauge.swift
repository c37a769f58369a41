/// The slots gauge the header and the team overview both draw: ten cells, filled for the share of
/// the owner's non-terminal batch limit in use, dim while the count is unknown.
extension DashboardRenderer {
    /// How a count of slots in use reads: green, then amber from 60%, red when full.
    static func slotRole(used: Int?, limit: Int) -> StyleRole {
        guard let used else { return .dim }
        return used >= limit ? .gaugeFull : (used * 10 >= limit * 6 ? .gaugeMid : .gaugeLow)
    }

    static let slotCells = 10

    /// Draws the cells at `column`; answers the columns used.
    mutating func drawSlotCells(used: Int?, limit: Int, row: Int, column: Int) -> Int {
        let filled = used.map { min(Self.slotCells, $0 * Self.slotCells / max(1, limit)) } ?? 0
        var x = column
        x += screen.repeatGlyph("■", count: filled, row: row, column: x, role: Self.slotRole(used: used, limit: limit),
                                limit: layout.width - x)
        x += screen.repeatGlyph("·", count: Self.slotCells - filled, row: row, column: x, role: .dim, limit: layout.width - x)
        return x - column
    }
}
