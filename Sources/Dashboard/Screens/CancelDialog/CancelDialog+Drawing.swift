import MeshAPI

/// The cancel dialog.
extension DashboardRenderer {
    mutating func drawCancelDialog(batchID: String, yesFocused: Bool) {
        let inner = drawBox(width: 56, height: 7, title: "cancel batch?")
        let batch = state.mirror.batches[batchID]
        screen.write(batchID, row: inner.row, column: inner.column, role: .dialog, limit: inner.width)
        if let batch {
            let counts = batch.requestCounts ?? RequestCounts()
            screen.write("\(batch.model ?? "-") · \(counts.finished)/\(counts.total) done", row: inner.row + 1,
                         column: inner.column, role: .dialog, limit: inner.width)
        }
        screen.write("Items not started yet will not run.", row: inner.row + 2, column: inner.column, role: .dialog,
                     limit: inner.width)
        let y = inner.row + inner.height - 1
        let no = "[ No ]", yes = "[ Yes, cancel ]"
        var x = inner.column + max(0, (inner.width - TextWidth.of(no) - TextWidth.of(yes) - 4) / 2)
        x += screen.write(no, row: y, column: x, role: yesFocused ? .dialog : .dialogFocus) + 4
        screen.write(yes, row: y, column: x, role: yesFocused ? .dialogFocus : .dialog)
        screen.cursor = (y, yesFocused ? x : x - 4 - TextWidth.of(no))
    }
}
