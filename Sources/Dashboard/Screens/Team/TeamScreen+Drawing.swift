import Foundation
import MeshAPI

/// The team overview: a row per config.toml profile with its slots, active batches and how its
/// last answer went.
extension DashboardRenderer {
    mutating func drawTeam(_ team: TeamScreen) {
        let area = layout.body
        let zone = state.options.timeZone
        screen.write(" team overview: every profile's slots (each asked at most every \(Int(TeamScreen.pollSeconds)) s)",
                     row: area.row, column: 0, role: .title, limit: layout.width)
        let nameWidth = max(8, min(24, team.rows.map { TextWidth.of($0.profile) }.max() ?? 8))
        let limit = max(1, state.options.quotaLimit)
        let heading = " " + TextWidth.fit("PROFILE", to: nameWidth + 2) + " " + TextWidth.fit("SLOTS USED", to: 17) + " STATE"
        screen.fill(row: area.row + 1, column: 0, width: layout.width, height: 1, role: .header)
        screen.write(heading, row: area.row + 1, column: 0, role: .header, limit: layout.width)
        let extent = team.extent(layout)
        let scroll = team.scroll.clamped(to: extent)
        for index in scroll.visible(in: extent) {
            let row = team.rows[index]
            let y = area.row + 2 + index - scroll.offset
            let current = row.profile == state.options.profileName
            var x = screen.write(index == scroll.selected ? "›" : " ", row: y, column: 0)
            x += screen.write(TextWidth.fit((current ? "● " : "  ") + row.profile, to: nameWidth + 2), row: y, column: x) + 1
            // The profile in use reads the live mirror; the others their last page.
            let used: Int? = current ? (state.mirror.everLoaded ? state.mirror.activeIDs.count : nil) : row.active
            let role = Self.slotRole(used: used, limit: limit)
            let gauge = x..<x + drawSlotCells(used: used, limit: limit, row: y, column: x)
            x = gauge.upperBound
            let count = used.map { "\($0)\(row.morePages && !current ? "+" : "")/\(limit)" } ?? "?/\(limit)"
            x += screen.write(" " + TextWidth.fit(count, to: 6), row: y, column: x, role: role) + 1
            let words: String
            var wordsRole: StyleRole = .dim
            if current {
                words = "in use · " + (state.mirror.everLoaded ? "live" : "waiting for the first answer")
                wordsRole = .statusDone
            } else {
                switch row.reading {
                case .waiting: words = row.asking ? "asking…" : "not asked yet"
                case .answered(let at):
                    words = "as of \(Formatting.clock(at, in: zone))" + (row.morePages ? " (first 100 batches; + : more may be running)" : "")
                    wordsRole = .normal
                case .failed(let text, let kind, _):
                    words = kind == .keyRefused ? "key refused: \(text)" : text
                    wordsRole = .error
                }
            }
            screen.write(words, row: y, column: x, role: wordsRole, limit: layout.width - x)
            if index == scroll.selected { screen.paint(row: y, column: 0, count: layout.width, role: .selected, sparing: gauge) }
        }
    }
}

extension TeamScreen {
    /// The header's second line on the team overview.
    var statusLine: String { "\(rows.count) profiles" }
}
