import Foundation
import MeshAPI

/// The message line, the key hints, the help overlay and the cancel dialog.
extension DashboardRenderer {
    mutating func drawMessageLine() {
        let row = layout.messageRow
        let typing: (prompt: String, text: String)? = state.list.filterEditing ? (" /", state.list.filterText)
            : (state.itemsScreen?.searchEditing == true && state.itemBodyScreen == nil) ? (" search /", state.itemsScreen?.search ?? "") : nil
        if let typing {
            var x = screen.write(typing.prompt, row: row, column: 0, role: .key)
            x += screen.write(typing.text, row: row, column: x, role: .normal)
            screen.write("▏", row: row, column: x, role: .key)
            screen.cursor = (row, x)
            return
        }
        if let message = state.message {
            screen.write(" " + message.text, row: row, column: 0, role: message.isError ? .error : .message)
        } else if !state.list.filterText.isEmpty, case .list = state.route {
            screen.write(" filter /\(state.list.filterText) (Esc clears)", row: row, column: 0, role: .dim)
        }
    }

    /// The footer: the bindings of whoever has the keys that can act now, generated from `Keymap`.
    /// `? help` and `q quit` are kept at every width the screen allows: they are the way to
    /// everything else and the way out.
    mutating func drawHints() {
        let row = layout.hintsRow
        screen.fill(row: row, column: 0, width: layout.width, height: 1, role: .hint)
        let offered = Keymap.offered(in: state.keyContext, readonly: state.options.readonly)
            .map { $0.offered(in: state) }
            .filter { $0.inFooter && $0.enabled }
        let kept = offered.filter { $0.command == .help || $0.command == .quit }
        let rest = offered.filter { $0.command != .help && $0.command != .quit }
        func width(_ key: OfferedKey) -> Int { TextWidth.of(key.keyLabel) + 1 + TextWidth.of(key.label) + 2 }
        let tag = state.options.readonly ? "readonly " : ""
        var room = layout.width - 1 - kept.reduce(0) { $0 + width($1) } - TextWidth.of(tag)
        var shown: [OfferedKey] = []
        for key in rest {
            guard width(key) <= room else { break }
            shown.append(key)
            room -= width(key)
        }
        var x = 1
        for key in shown + kept {
            guard x + width(key) <= layout.width + 2 else { break }
            x += screen.write(key.keyLabel, row: row, column: x, role: .key)
            x += screen.write(" " + key.label + "  ", row: row, column: x, role: .hint, limit: layout.width - x)
        }
        if !tag.isEmpty, x + TextWidth.of(tag) <= layout.width {
            screen.write(tag, row: row, column: layout.width - TextWidth.of(tag), role: .hint)
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

    /// The help box: this screen's keys, then every screen's, then the legends; scrolled by `scroll`.
    mutating func drawHelp(_ scroll: ScrollState) {
        let lines = HelpContent.lines(for: state)
        let box = layout.helpBox(lines: lines.count)
        let inner = drawBox(width: box.width, height: box.height, title: "help: \(HelpContent.title(state.screenContext))")
        let rows = scroll.page
        for (offset, index) in scroll.visible.enumerated() where index < lines.count && offset < rows {
            let y = inner.row + offset
            switch lines[index] {
            case .heading(let text):
                screen.write(text.uppercased(), row: y, column: inner.column, role: .dialogFocus, limit: inner.width)
            case .key(let keyLabel, let words):
                screen.write(TextWidth.fit(keyLabel, to: HelpContent.keyColumn - 1), row: y, column: inner.column, role: .key)
                screen.write(words, row: y, column: inner.column + HelpContent.keyColumn, role: .dialog,
                             limit: inner.width - HelpContent.keyColumn)
            case .more(let words):
                screen.write(words, row: y, column: inner.column + HelpContent.keyColumn, role: .dialog,
                             limit: inner.width - HelpContent.keyColumn)
            case .text(let text):
                screen.write(text, row: y, column: inner.column, role: .dialog, limit: inner.width)
            }
        }
        let footer = lines.count > rows
            ? "\(scroll.offset + 1)-\(scroll.visible.upperBound) of \(lines.count) · ↑↓ PgUp PgDn scroll · Esc closes"
            : "Esc or ? closes"
        screen.write(footer, row: inner.row + inner.height - 1, column: inner.column, role: .dim, limit: inner.width)
    }

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
