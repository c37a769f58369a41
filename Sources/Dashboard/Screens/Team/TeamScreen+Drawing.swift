import Foundation
import MeshAPI

/// The team overview: a row per config.toml profile with its slots, what runs, its failed items,
/// when its next slot frees and how its last answer went; under the table the selected profile's
/// base URL and its whole last answer (a refusal with its request id).
extension DashboardRenderer {
    mutating func drawTeam(_ team: TeamScreen) {
        let area = layout.body
        screen.write(" team overview: every profile's slots (each asked at most every \(Int(TeamScreen.pollSeconds)) s)",
                     row: area.row, column: 0, role: .title, limit: layout.width)
        let nameWidth = max(8, min(24, team.rows.map { TextWidth.of($0.profile) }.max() ?? 8))
        let limit = max(1, state.options.quotaLimit)
        // Counts and the next slot from 80 columns (the reason stays whole under the table); the
        // base URL in the table from 150 (under the table, for the selected profile, at every width).
        let counts = layout.width >= 80
        let urlWidth = layout.width >= 150 ? min(36, max(8, team.rows.map { TextWidth.of(baseURL($0.profile)) }.max() ?? 8)) : 0
        var heading = " " + TextWidth.fit("PROFILE", to: nameWidth + 2) + " " + TextWidth.fit("SLOTS USED", to: 17)
        if counts {
            heading += " " + TextWidth.fit("ACTIVE", to: 6, alignRight: true) + " " + TextWidth.fit("FAILED", to: 7, alignRight: true)
                + " " + TextWidth.fit("NEXT SLOT", to: 9)
        }
        if urlWidth > 0 { heading += " " + TextWidth.fit("BASE URL", to: urlWidth) }
        heading += " STATE"
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
            if counts {
                let figures = teamFigures(row, current: current, used: used, limit: limit)
                x += screen.write(TextWidth.fit(figures.running, to: 6, alignRight: true), row: y, column: x) + 1
                x += screen.write(TextWidth.fit(figures.failed, to: 7, alignRight: true), row: y, column: x,
                                  role: figures.failed == "0" || figures.failed == "-" ? .dim : .statusFailed) + 1
                x += screen.write(TextWidth.fit(figures.nextSlot, to: 9), row: y, column: x, role: .normal) + 1
            }
            if urlWidth > 0 {
                x += screen.write(TextWidth.fit(baseURL(row.profile), to: urlWidth), row: y, column: x, role: .dim) + 1
            }
            let (words, wordsRole) = teamState(row, current: current)
            screen.write(words, row: y, column: x, role: wordsRole, limit: layout.width - x)
            if index == scroll.selected { screen.paint(row: y, column: 0, count: layout.width, role: .selected, sparing: gauge) }
        }
        drawSelectedProfile(team)
    }

    /// Under the table: the selected profile's base URL, then its whole last answer, the request id
    /// of a refusal included (kept out of the row, where it cut the reason off).
    mutating func drawSelectedProfile(_ team: TeamScreen) {
        let rows = TeamScreen.detailRows(layout)
        guard rows > 0, let selected = team.scroll.selected, selected < team.rows.count else { return }
        let row = team.rows[selected]
        let top = layout.body.row + layout.body.height - rows
        let current = row.profile == state.options.profileName
        screen.write(" \(row.profile): \(baseURL(row.profile))", row: top, column: 0, role: .dim, limit: layout.width)
        var (words, role) = teamState(row, current: current)
        if case .failed(_, _, let requestID?, _) = row.reading, !current { words += " (request \(requestID))" }
        for (offset, line) in TextWrap.lines(words, width: max(1, layout.width - 2)).prefix(rows - 1).enumerated() {
            screen.write(" " + line, row: top + 1 + offset, column: 0, role: role, limit: layout.width)
        }
    }

    /// A profile's base URL as the dashboard would use it ("?" when the config did not say).
    func baseURL(_ profile: String) -> String {
        state.options.profileBaseURLs[profile] ?? "?"
    }

    /// The row's last answer in words: in use, as of when, or why not.
    func teamState(_ row: TeamRow, current: Bool) -> (String, StyleRole) {
        if current { return ("in use · " + (state.mirror.everLoaded ? "live" : "waiting for the first answer"), .statusDone) }
        switch row.reading {
        case .waiting: return (row.asking ? "asking…" : "not asked yet", .dim)
        case .answered(let at):
            let more = row.morePages ? " (first 100 batches; + : more may be running)" : ""
            return ("as of \(Formatting.clock(at, in: state.options.clockZone))" + more, .normal)
        case .failed(let text, let kind, _, _):
            return (kind == .keyRefused ? "key refused: \(text)" : text, .error)
        }
    }

    /// ACTIVE (batches in progress), FAILED (items) and NEXT SLOT for a row: "free" while a slot is,
    /// else when the soonest batch in progress ends at the pace seen ("~2m"; "?" until a pace is).
    mutating func teamFigures(_ row: TeamRow, current: Bool, used: Int?, limit: Int)
        -> (running: String, failed: String, nextSlot: String) {
        let running: Int?, failed: Int?, soonest: Double?
        if current {
            let mirror = state.mirror
            running = mirror.everLoaded ? mirror.activeIDs.filter { mirror.batches[$0].map { mirror.shownStatus($0) == .inProgress } ?? false }.count : nil
            failed = mirror.everLoaded ? mirror.batches.values.reduce(0) { WireNumber.sum($0, $1.requestCounts?.failed ?? 0) } : nil
            soonest = mirror.soonestSlotETA
        } else {
            running = row.running
            failed = row.failedItems
            soonest = row.nextSlotAt.map { $0.timeIntervalSince(state.now) }
        }
        var next = "?"
        if let used, used < limit {
            next = "free"
        } else if let soonest {
            next = soonest > 0 ? "~" + Formatting.age(soonest) : "due"
            if soonest > 0 { changes(in: Formatting.countdownChange(soonest)) }
        } else if used == nil {
            next = "-"
        }
        return (running.map(Formatting.count) ?? "-", failed.map(Formatting.count) ?? "-", next)
    }
}

extension TeamScreen {
    /// The header's second line on the team overview.
    var statusLine: String { "\(rows.count) profiles" }

    /// Rows under the table for the selected profile (its URL and last answer), when there is room.
    static func detailRows(_ layout: Layout) -> Int {
        layout.body.height >= 12 ? 3 : (layout.body.height >= 7 ? 2 : 0)
    }
}
