import Foundation
import MeshAPI

/// The detail pane: the selected batch, from `DetailContent`.
extension DashboardRenderer {
    mutating func drawDetail() {
        let pane = layout.detail
        guard pane.height > 0, pane.width > 4 else { return }
        let focused = state.list.focus == .detail
        let borderRole: StyleRole = focused ? .title : .border
        let top = pane.row + 1
        let left = layout.sideBySide ? pane.column + 2 : pane.column
        let width = layout.detailTextWidth
        if layout.sideBySide {
            for y in pane.row..<(pane.row + pane.height) { screen.write("│", row: y, column: pane.column, role: borderRole) }
            screen.write(focused ? "DETAIL (Tab: list)" : "DETAIL", row: pane.row, column: left, role: .header, limit: width)
        } else {
            screen.repeatGlyph("─", count: pane.width, row: pane.row, column: left, role: borderRole, limit: pane.width)
            let title: String
            if layout.detailPane == .zoomed {
                title = " detail (z: list) "
            } else {
                title = focused ? " detail (Tab: list) " : " detail "
            }
            screen.write(title, row: pane.row, column: left + 2, role: borderRole, limit: max(0, pane.width - 2))
        }
        guard let batch = state.selectedBatch else {
            screen.write("nothing selected", row: top, column: left, role: .dim, limit: width)
            return
        }
        let content = DetailContent(state: state, batch: batch, width: width)
        if let seconds = content.changesIn { changes(in: seconds) }
        let extent = ScrollExtent(count: content.lines.count, page: layout.detailRows)
        let scroll = state.list.detailScroll.clamped(to: extent)
        let visible = scroll.visible(in: extent)
        let labelWidth = DetailContent.labelWidth
        for (offset, index) in visible.enumerated() where index < content.lines.count {
            let line = content.lines[index]
            let y = top + offset
            screen.write(TextWidth.fit(line.label, to: labelWidth), row: y, column: left, role: .dim, limit: width)
            screen.write(line.value, row: y, column: left + labelWidth + 1, role: line.role, limit: max(0, width - labelWidth - 1))
        }
        if content.lines.count > extent.page {
            // Named as lines: a bare "1-9/14" read as the list's position.
            let more = " lines \(scroll.offset + 1)-\(visible.upperBound) of \(content.lines.count) "
            screen.write(more, row: pane.row, column: pane.column + pane.width - TextWidth.of(more) - 1, role: .dim)
        }
    }
}
