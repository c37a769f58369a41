import Foundation
import MeshAPI

/// The message line, the key hints, the help overlay and the cancel dialog.
extension DashboardRenderer {
    mutating func drawMessageLine() {
        let row = layout.messageRow
        if state.filterEditing {
            var x = screen.write(" /", row: row, column: 0, role: .key)
            x += screen.write(state.filterText, row: row, column: x, role: .normal)
            screen.write("▏", row: row, column: x, role: .key)
            screen.cursor = (row, x)
            return
        }
        if let message = state.message {
            screen.write(" " + message.text, row: row, column: 0, role: message.isError ? .error : .message)
        } else if !state.filterText.isEmpty {
            screen.write(" filter /\(state.filterText) (Esc clears)", row: row, column: 0, role: .dim)
        }
    }

    mutating func drawHints() {
        let row = layout.hintsRow
        screen.fill(row: row, column: 0, width: layout.width, height: 1, role: .hint)
        var pairs: [(String, String)]
        if state.filterEditing {
            pairs = [("⏎", "apply"), ("Esc", "clear")]
        } else if case .confirmCancel = state.overlay {
            pairs = [("←/→", "choose"), ("⏎", "confirm"), ("y", "yes"), ("Esc", "no")]
        } else {
            pairs = KeyTable.offered(in: state.keyContext, readonly: state.options.readonly)
                .filter(\.visible).map { ($0.keyLabel, $0.label) }
            if state.keyContext == .items, state.itemsFailedOnly {
                pairs = pairs.map { $0.1 == "failed only" ? ($0.0, "all items") : $0 }
            }
            if state.poll.paused { pairs = pairs.map { $0.1 == "pause" ? ($0.0, "resume") : $0 } }
            // Cancel is offered only where it can do something.
            let batchID = state.itemsBatchID ?? state.selectedID
            if let batch = batchID.flatMap({ state.batches[$0] }), state.shownStatus(batch).isTerminal {
                pairs = pairs.filter { $0.1 != "cancel" }
            }
        }
        var x = 1
        for (key, label) in pairs {
            let width = TextWidth.of(key) + 1 + TextWidth.of(label) + 2
            guard x + width <= layout.width else { break }
            x += screen.write(key, row: row, column: x, role: .key)
            x += screen.write(" " + label + "  ", row: row, column: x, role: .hint)
        }
        if state.options.readonly {
            let tag = "readonly "
            if x + TextWidth.of(tag) <= layout.width {
                screen.write(tag, row: row, column: layout.width - TextWidth.of(tag), role: .hint)
            }
        }
    }

    /// Draws a bordered box and returns its inner rectangle.
    mutating func drawBox(width: Int, height: Int, title: String) -> Layout.Rect {
        let w = min(width, layout.width - 2), h = min(height, layout.height - 2)
        let top = (layout.height - h) / 2, left = (layout.width - w) / 2
        screen.fill(row: top, column: left, width: w, height: h, role: .dialog)
        screen.write("┌" + String(repeating: "─", count: max(0, w - 2)) + "┐", row: top, column: left, role: .dialog)
        for y in (top + 1)..<(top + h - 1) {
            screen.write("│", row: y, column: left, role: .dialog)
            screen.write("│", row: y, column: left + w - 1, role: .dialog)
        }
        screen.write("└" + String(repeating: "─", count: max(0, w - 2)) + "┘", row: top + h - 1, column: left, role: .dialog)
        screen.write(" \(title) ", row: top, column: left + 2, role: .dialog, limit: w - 4)
        return Layout.Rect(row: top + 1, column: left + 2, width: w - 4, height: h - 2)
    }

    mutating func drawHelp() {
        var seen = Set<String>()
        var entries: [KeyBinding] = []
        for binding in KeyTable.bindings where !(state.options.readonly && binding.dangerous) {
            let key = binding.keyLabel + binding.label
            if seen.insert(key).inserted { entries.append(binding) }
        }
        let columns = layout.width >= 76 ? 2 : 1
        let perColumn = (entries.count + columns - 1) / columns
        let inner = drawBox(width: columns == 2 ? 74 : layout.width - 2, height: perColumn + 4, title: "keys (? or Esc closes)")
        let columnWidth = inner.width / columns
        for (index, binding) in entries.enumerated() {
            let y = inner.row + index % perColumn
            guard y < inner.row + inner.height - 1 else { continue }
            let x = inner.column + (index / perColumn) * columnWidth
            screen.write(TextWidth.fit(binding.keyLabel, to: 7), row: y, column: x, role: .key)
            let label = binding.label + (binding.dangerous ? " (asks first)" : "")
            screen.write(label, row: y, column: x + 8, role: .dialog, limit: columnWidth - 9)
        }
        screen.write("Mouse: click selects, wheel scrolls. Ctrl-C quits.", row: inner.row + inner.height - 1,
                     column: inner.column, role: .dialog, limit: inner.width)
    }

    mutating func drawCancelDialog(batchID: String, yesFocused: Bool) {
        let inner = drawBox(width: 56, height: 7, title: "cancel batch?")
        let batch = state.batches[batchID]
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
