import Foundation
import MeshAPI

/// The item body screen: a title line, then the answer or error and the raw JSON.
extension DashboardRenderer {
    mutating func drawItemBody(_ items: ItemsScreen, _ body: ItemBodyScreen) {
        let area = layout.body
        let item = "\(body.customID) · \(body.outcome.rawValue)" + (body.wrap || body.content == nil ? "" : " · no wrap (← →)")
        var title = " \(items.batchID) › " + item
        guard body.content != nil else {
            screen.write(title, row: area.row, column: 0, role: .title, limit: layout.width)
            let text = body.failure.map { "cannot show this result: \($0)" } ?? "reading the result…"
            screen.write(" " + text, row: area.row + 1, column: 0, role: body.failure == nil ? .dim : .error)
            return
        }
        let lines = ItemBodyText.lines(body, width: layout.width)
        let extent = ScrollExtent(count: lines.count, page: layout.bodyTextRows)
        let scroll = body.scroll.clamped(to: extent)
        let visible = scroll.visible(in: extent)
        // Where the page is, at the right of the title: the lines when they are more than a page,
        // and with wrap off the columns in view ("col 31-110/240"), so a page scrolled past a short
        // line's end never reads as blank for no reason. The title gives way to them.
        var place: [String] = []
        if lines.count > extent.page { place.append("lines \(scroll.offset + 1)-\(visible.upperBound) of \(lines.count)") }
        if !body.wrap { place.append(body.columnsShown(width: layout.width)) }
        let more = place.isEmpty ? "" : " " + place.joined(separator: " · ") + " "
        let moreWidth = TextWidth.of(more)
        let titleLimit = moreWidth > 0 && moreWidth + 10 < layout.width ? layout.width - moreWidth : layout.width
        // The batch id (the header's items screen has it) gives way before the item's own id.
        if TextWidth.of(title) > titleLimit { title = " " + item }
        screen.write(title, row: area.row, column: 0, role: .title, limit: titleLimit)
        if titleLimit < layout.width {
            screen.write(more, row: area.row, column: layout.width - moreWidth, role: .dim)
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
    func statusLine(width: Int) -> String {
        wrap || content == nil ? "wrap" : "no wrap · \(columnsShown(width: width))"
    }
}
