import Foundation
import MeshAPI

/// Holds the screen being drawn and the state it is drawn from; one method a region.
struct DashboardRenderer {
    let state: DashboardState
    let layout: Layout
    var screen: Screen
    /// The earliest moment a clock-derived text drawn so far changes (see `Screen.validUntil`).
    var validUntil: Date?

    init(state: DashboardState, width: Int, height: Int) {
        self.state = state
        layout = Layout(width: width, height: height, detailPane: state.list.detailPane)
        screen = Screen(width: width, height: height)
    }

    /// Notes that something just drawn from the clock changes `seconds` from `state.now`.
    mutating func changes(in seconds: Double) {
        let at = state.now.addingTimeInterval(max(0.001, seconds))
        validUntil = min(validUntil ?? at, at)
    }

    mutating func draw() {
        if layout.tooSmall {
            drawTooSmall()
            return
        }
        drawHeader()
        switch state.route {
        case .list:
            drawList()
            drawDetail()
            let extent = state.list.extent(layout)
            let scroll = state.list.scroll.clamped(to: extent)
            if let index = scroll.selected, state.list.focus == .list, scroll.visible(in: extent).contains(index) {
                screen.cursor = (layout.listFirstRow + index - scroll.offset, layout.list.column)
            }
        case .items(let items):
            drawItems(items)
            let extent = items.extent(layout)
            let scroll = items.scroll.clamped(to: extent)
            if let index = scroll.selected, scroll.visible(in: extent).contains(index) {
                screen.cursor = (layout.itemsFirstRow + index - scroll.offset, 0)
            }
        case .itemBody(let items, let body):
            drawItemBody(items, body)
        case .team(let team):
            drawTeam(team)
        case .events(let events):
            drawEventLog(events)
        case .jobs(let jobs):
            drawJobs(jobs)
            let extent = jobs.extent(layout)
            let scroll = (jobs.opened?.scroll ?? jobs.scroll).clamped(to: extent)
            if let index = scroll.selected, scroll.visible(in: extent).contains(index) {
                screen.cursor = (layout.body.row + (jobs.opened == nil ? 2 : JobsScreen.openedHeadRows(layout)) + index - scroll.offset, 0)
            }
        }
        drawMessageLine()
        if !state.options.screenGrab { drawHints() }
        switch state.overlay {
        case .none: break
        case .help(let help): drawHelp(help)
        case .confirmCancel(let dialog): drawCancelDialog(batchID: dialog.batchID, yesFocused: dialog.yesFocused)
        }
    }

    mutating func drawTooSmall() {
        guard layout.height > 0 else { return }
        let need = "\(Layout.minimumWidth)x\(Layout.minimumHeight)", have = "\(layout.width)x\(layout.height)"
        // One line at any size: the longest wording that fits, centred (a sentence wrapped over a
        // few rows of a tiny pane read as noise, and cut it lost the size it asks for).
        let wordings = ["terminal too small: need \(need), have \(have)", "too small: need \(need), have \(have)",
                        "need \(need), have \(have)", "need \(need)", need]
        let text = wordings.first { TextWidth.of($0) <= layout.width } ?? String(need.prefix(max(0, layout.width)))
        let row = max(0, (layout.height - 1) / 2)
        screen.write(text, row: row, column: max(0, (layout.width - TextWidth.of(text)) / 2), role: .warning)
    }
}
