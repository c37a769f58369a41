/// Keeps every scroll's extent equal to what is shown, after every action: a size change, new
/// rows, a new body or a wrap toggle all clamp at once, never only when drawn.
extension DashboardState {
    var layout: Layout { Layout(width: width, height: height) }
    var listPage: Int { max(1, layout.listRows) }
    var itemRows: Int { layout.itemRows }
    var helpPage: Int { layout.helpRows(lines: HelpContent.lines(for: self).count) }

    mutating func syncScrolls() {
        let layout = self.layout
        list.scroll.setExtent(count: list.order.count, page: max(1, layout.listRows))
        let detailCount = selectedBatch.map { DetailContent(state: self, batch: $0, width: layout.detailTextWidth).lines.count } ?? 0
        list.detailScroll.setExtent(count: detailCount, page: max(1, layout.detailRows))
        switch route {
        case .list: break
        case .team(var team):
            team.scroll.setExtent(count: team.rows.count, page: max(1, layout.body.height - 2))
            route = .team(team)
        case .items:
            updateItems { $0.scroll.setExtent(count: $0.index?.shown.count ?? 0, page: layout.itemRows) }
        case .itemBody:
            let width = self.width
            updateBody { body in
                body.scroll.setExtent(count: ItemBodyText.lines(body, width: width).count, page: layout.bodyTextRows)
            }
        }
        if case .help(var scroll) = overlay {
            let lines = HelpContent.lines(for: self).count
            scroll.setExtent(count: lines, page: layout.helpRows(lines: lines))
            overlay = .help(scroll)
        }
    }
}
