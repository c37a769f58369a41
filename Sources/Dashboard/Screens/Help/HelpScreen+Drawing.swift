/// The help box.
extension DashboardRenderer {
    /// The help box: this screen's keys, then every screen's, then the legends; scrolled by `scroll`.
    /// Its last line's hints come from `HelpScreen.bindings`, as the footer's come from every table.
    mutating func drawHelp(_ help: HelpScreen) {
        let lines = HelpContent.lines(for: state)
        let box = layout.helpBox(lines: lines.count)
        let inner = drawBox(width: box.width, height: box.height, title: "help: \(HelpContent.title(state.screenContext))")
        let extent = ScrollExtent(count: lines.count, page: layout.helpRows(lines: lines.count))
        let scroll = help.scroll.clamped(to: extent)
        let visible = scroll.visible(in: extent)
        for (offset, index) in visible.enumerated() {
            let y = inner.row + offset
            switch lines[index] {
            case .heading(let text):
                screen.write(text.uppercased(), row: y, column: inner.column, role: .dialogFocus, limit: inner.width)
            case .key(let keyLabel, let words) where words.isEmpty:
                // Keys too many for the key column: on a line of their own, the words under them.
                screen.write(keyLabel, row: y, column: inner.column, role: .key, limit: inner.width)
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
        let bindings = HelpScreen.bindings
        let close = bindings.first { $0.command == .help }.map(\.footerLabel) ?? ""
        let footer: String
        if lines.count > extent.page {
            // The line and page keys (Home and End are in the entries): it must fit 60 columns.
            let moves = Keymap.movement.filter { [.moveUp, .moveDown, .pageUp, .pageDown].contains($0.command) }
                .map(\.footerLabel).joined(separator: " ")
            footer = "\(scroll.offset + 1)-\(visible.upperBound) of \(lines.count) · \(moves) scroll · \(close) closes"
        } else {
            footer = "\(close) closes"
        }
        screen.write(footer, row: inner.row + inner.height - 1, column: inner.column, role: .dim, limit: inner.width)
    }
}
