import Foundation
import MeshAPI

/// Rows 0 and 1: who we watch, how the connection goes, the quota, the poll pace.
extension DashboardRenderer {
    mutating func drawHeader() {
        let zone = state.options.timeZone
        // Quota gauge: what counts against the owner's 10 batch slots.
        let limit = max(1, state.options.quotaLimit)
        let used = state.activeIDs.count
        let fullText = " full: new batches are refused (429)"
        let quotaWidth = TextWidth.of("quota ") + 10 + TextWidth.of(" \(used)/\(limit)") + (used >= limit ? TextWidth.of(fullText) : 0)
        var right = "every \(Formatting.seconds(state.poll.baseInterval))"
        if let balance = state.balanceUSD { right = "balance \(Formatting.usd(balance))  " + right }
        let rightWidth = TextWidth.of(right) + 1
        var x = screen.write(" meshtop ", row: 0, column: 0, role: .title)
        // The endpoint gives way to the quota: when the slots are full, saying so matters more than the URL.
        // It may use what the quota and the poll pace leave (a label that says which key source won
        // is long), and never less than a third of the width.
        let spare = layout.width - x - 1 - quotaWidth - 2 - rightWidth
        let labelLimit = max(10, min(max(layout.width / 3, spare), layout.width - x - 1 - quotaWidth - 1))
        x += screen.write(" " + state.options.endpointLabel + " ", row: 0, column: x, role: .header, limit: labelLimit)
        x += 1
        let role: StyleRole = used >= limit ? .gaugeFull : (used * 10 >= limit * 6 ? .gaugeMid : .gaugeLow)
        x += screen.write("quota ", row: 0, column: x, role: .header)
        let cells = 10
        let filled = min(cells, used * cells / limit)
        x += screen.repeatGlyph("■", count: filled, row: 0, column: x, role: role, limit: layout.width - x)
        x += screen.repeatGlyph("·", count: cells - filled, row: 0, column: x, role: .dim, limit: layout.width - x)
        x += screen.write(" \(used)/\(limit)", row: 0, column: x, role: role)
        if used >= limit {
            x += screen.write(fullText, row: 0, column: x, role: .gaugeFull)
        }
        if x + 2 + rightWidth <= layout.width {
            screen.write(right, row: 0, column: layout.width - rightWidth, role: .header)
        }

        // Row 1: connection, freshness, view settings.
        var line: String
        var lineRole: StyleRole = .normal
        switch state.connection {
        case .connecting:
            line = "◌ connecting…"
            lineRole = .dim
        case .live:
            line = "● live"
            if let at = state.poll.lastSuccessAt { line += " · updated \(Formatting.clock(at, in: zone))" }
            lineRole = .statusDone
        case .failing(let error, let since, let failures, let next):
            let remaining = next.timeIntervalSince(state.now)
            let wait = max(0, Formatting.wholeSeconds(remaining, rounding: .up))
            if remaining > 0 { changes(in: remaining - remaining.rounded(.up) + 1) }
            if failures >= 3 {
                line = "✗ offline since \(Formatting.clock(since, in: zone)): \(error) · retrying in \(wait)s"
                lineRole = .error
            } else {
                line = "⟳ retrying in \(wait)s: \(error)"
                lineRole = .warning
            }
            if let last = state.poll.lastSuccessAt {
                line += " · stale: data from \(Formatting.clock(last, in: zone))"
            }
        }
        if state.roundOverdue, let started = state.poll.roundStartedAt {
            // The answer is overdue: "live" would be a lie while the view shows old data.
            let waited = state.now.timeIntervalSince(started)
            changes(in: Formatting.durationChange(waited))
            line = "⟳ no answer for \(Formatting.duration(waited)) · r asks again"
            if let last = state.poll.lastSuccessAt { line += " · stale: data from \(Formatting.clock(last, in: zone))" }
            lineRole = .warning
        } else if state.poll.roundActive, let started = state.poll.roundStartedAt {
            changes(in: DashboardState.overdueSeconds - state.now.timeIntervalSince(started))
        }
        if let reason = state.poll.listIncomplete {
            line += " · " + reason
            // Still loading (the walk goes on next round) is news; a walk cut short is a warning.
            if lineRole == .statusDone { lineRole = state.poll.resumeAfter != nil ? .normal : .warning }
        }
        if state.poll.paused {
            line = "‖ paused · " + line
            lineRole = .warning
        }
        var settings = "sort \(state.sort.rawValue) · \(state.statusFilter.rawValue)"
        if !state.filterText.isEmpty { settings += " · /\(state.filterText)" }
        settings += " · \(Formatting.count(state.order.count)) shown"
        let settingsWidth = TextWidth.of(settings) + 1
        // Trouble is worth more than the view settings: they give way when the line is long.
        let fits = TextWidth.of(line) + 2 + settingsWidth + 1 <= layout.width
        let lineLimit = fits ? layout.width - settingsWidth - 1 : layout.width - 1
        screen.write(" " + line, row: 1, column: 0, role: lineRole, limit: lineLimit)
        if lineLimit < layout.width - 1 {
            screen.write(settings, row: 1, column: layout.width - settingsWidth, role: .dim)
        }
    }
}
