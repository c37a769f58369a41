import MeshAPI

/// The cancel dialog: which batch (its model and project), how far it got, and how many items
/// cancelling stops.
extension DashboardRenderer {
    mutating func drawCancelDialog(batchID: String, yesFocused: Bool) {
        let inner = drawBox(width: 60, height: 7, title: "cancel batch?")
        let batch = state.mirror.batches[batchID]
        screen.write(batchID, row: inner.row, column: inner.column, role: .dialog, limit: inner.width)
        if let batch {
            let counts = (batch.requestCounts ?? RequestCounts()).clampedToTotal
            let project = origin(batch, width: inner.width) ?? Self.metadataValue(batch)
            let model = Self.modelName(batch.model)
            let projectText = project.map { " · project " + $0 } ?? ""
            // The model gives way to the project, in its middle (its end tells models apart).
            let modelRoom = max(8, inner.width - TextWidth.of(projectText))
            screen.write(TextWidth.truncateMiddle(model, to: modelRoom) + projectText, row: inner.row + 1,
                         column: inner.column, role: .dialog, limit: inner.width)
            screen.write("\(Formatting.count(counts.finished)) of \(Formatting.count(counts.total)) items done",
                         row: inner.row + 2, column: inner.column, role: .dialog, limit: inner.width)
            let pending = counts.pending
            let words = pending == 0 ? "Every item has run; cancelling stops nothing."
                : "\(Formatting.count(pending)) \(pending == 1 ? "item" : "items") not started yet will not run."
            screen.write(words, row: inner.row + 3, column: inner.column, role: .dialog, limit: inner.width)
        } else {
            screen.write("Items not started yet will not run.", row: inner.row + 2, column: inner.column, role: .dialog,
                         limit: inner.width)
        }
        let y = inner.row + inner.height - 1
        let no = "[ No ]", yes = "[ Yes, cancel ]"
        var x = inner.column + max(0, (inner.width - TextWidth.of(no) - TextWidth.of(yes) - 4) / 2)
        x += screen.write(no, row: y, column: x, role: yesFocused ? .dialog : .dialogFocus) + 4
        screen.write(yes, row: y, column: x, role: yesFocused ? .dialogFocus : .dialog)
        screen.cursor = (y, yesFocused ? x : x - 4 - TextWidth.of(no))
    }
}
