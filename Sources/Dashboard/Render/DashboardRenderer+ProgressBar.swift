/// The proportional bar the batch list and the Jobs screen both draw: succeeded, failed, not run
/// and to do, each its own glyph and role (coloured glyphs on the normal background, so it reads
/// without colour and never as a block in reverse video).
extension DashboardRenderer {
    /// Draws `cells` cells from `column`, clipped to `limit` columns; returns the columns written.
    @discardableResult
    mutating func drawProgressCells(succeeded: Int, failed: Int, notRun: Int, total: Int, cells: Int,
                                    row: Int, column: Int, limit: Int) -> Int {
        let (done, failedCells, skipped) = ProgressGlyphs.split(succeeded: succeeded, failed: failed, notRun: notRun,
                                                                total: total, cells: cells)
        var x = column
        x += screen.repeatGlyph(ProgressGlyphs.succeeded, count: done, row: row, column: x, role: .progressDone, limit: limit)
        x += screen.repeatGlyph(ProgressGlyphs.failed, count: failedCells, row: row, column: x, role: .progressFailed, limit: column + limit - x)
        x += screen.repeatGlyph(ProgressGlyphs.notRun, count: skipped, row: row, column: x, role: .statusCancelled, limit: column + limit - x)
        x += screen.repeatGlyph(ProgressGlyphs.toDo, count: max(0, cells - done - failedCells - skipped), row: row, column: x,
                                role: .progressTodo, limit: column + limit - x)
        return x - column
    }
}
