import Foundation
import MeshAPI

/// The item body screen: a title line, then the answer or error and the raw JSON.
extension DashboardRenderer {
    mutating func drawItemBody(_ items: ItemsScreen, _ body: ItemBodyScreen) {
        let area = layout.body
        let title = " \(items.batchID) › \(body.customID) · \(body.outcome.rawValue)" + (body.wrap ? "" : " · no wrap (← →)")
        screen.write(title, row: area.row, column: 0, role: .title, limit: layout.width)
        guard body.content != nil else {
            let text = body.failure.map { "cannot show this result: \($0)" } ?? "reading the result…"
            screen.write(" " + text, row: area.row + 1, column: 0, role: body.failure == nil ? .dim : .error)
            return
        }
        let lines = ItemBodyText.lines(body, width: layout.width)
        let extent = ScrollExtent(count: lines.count, page: layout.bodyTextRows)
        let scroll = body.scroll.clamped(to: extent)
        let visible = scroll.visible(in: extent)
        if lines.count > extent.page {
            let more = " lines \(scroll.offset + 1)-\(visible.upperBound) of \(lines.count) "
            if TextWidth.of(title) + TextWidth.of(more) < layout.width {
                screen.write(more, row: area.row, column: layout.width - TextWidth.of(more), role: .dim)
            }
        }
        for (offset, index) in visible.enumerated() where index < lines.count {
            let line = lines[index]
            let text = body.wrap || line.heading ? line.text : Self.dropColumns(line.text, body.column)
            screen.write(" " + text, row: area.row + 1 + offset, column: 0, role: line.heading ? .header : .normal,
                         limit: layout.width)
        }
    }

    /// `text` without its first `columns` display columns (the sideways scroll with wrap off).
    static func dropColumns(_ text: String, _ columns: Int) -> String {
        guard columns > 0 else { return text }
        var dropped = 0
        var index = text.startIndex
        while index < text.endIndex, dropped < columns {
            dropped += TextWidth.of(text[index])
            index = text.index(after: index)
        }
        return String(text[index...])
    }
}

extension ItemBodyScreen {
    /// The header's second line on an item's body: how its lines are laid out.
    var statusLine: String {
        wrap ? "wrap" : "no wrap · column \(column + 1)"
    }
}
