import Foundation
import MeshAPI

/// Rows 0 and 1: who we watch, the quota, the poll pace; then how the connection goes.
extension DashboardRenderer {
    mutating func drawHeader() {
        let zone = state.options.clockZone
        // Quota gauge: what counts against the owner's 10 batch slots. Unknown until the first
        // answer: "0/10" would read as ten free slots.
        let limit = max(1, state.options.quotaLimit)
        let known = state.mirror.everLoaded
        let used = state.mirror.activeIDs.count
        // While the data is stale the count is the last answer's: drawn faint, and "full" is not
        // claimed (nor when a slot frees: that is measured from movement nobody has seen lately).
        let stale = state.showsStaleData
        let full = known && used >= limit && !stale
        // When full, when the next slot is likely to free: the soonest ETA among the live batches.
        // (Shorter than the plain words, so the endpoint keeps its room at 80 columns.)
        let nextSlot = full ? state.mirror.soonestSlotETA : nil
        let fullText = nextSlot.map { " full (429) · next slot ~\(Formatting.age($0))" } ?? " full: a new batch gets 429"
        let usedText = known ? " \(used)/\(limit)" : " ?/\(limit)"
        let history = state.mirror.slotHistory.samples
        let plot = history.count >= 2 && layout.width >= 100 ? " " + Self.slotPlotLabel(history) + " " + Self.slotPlot(history, limit: limit) : ""
        let quotaWidth = TextWidth.of("slots used ") + Self.slotCells + TextWidth.of(usedText) + (full ? TextWidth.of(fullText) : 0) + TextWidth.of(plot)
        // The pace with its reason and the balance when they fit beside a whole endpoint label; the
        // bare pace when not (it is what says how fresh the screen is).
        let labelWidth = TextWidth.of(state.options.endpointLabel) + 2
        var right = [state.balanceUSD.map { "balance \(Formatting.usd($0))" }, paceText(withReason: true)]
            .compactMap { $0 }.joined(separator: "  ")
        if 9 + labelWidth + 1 + quotaWidth + 2 + TextWidth.of(right) + 1 > layout.width { right = paceText(withReason: false) ?? "" }
        let rightWidth = TextWidth.of(right) + 1
        var x = screen.write(" meshtop ", row: 0, column: 0, role: .title)
        // The endpoint gives way to the quota: when the slots are full, saying so matters more than the URL.
        // It may use what the quota and the poll pace leave (a label that says which key source won
        // is long), and never less than a third of the width.
        let spare = layout.width - x - 1 - quotaWidth - 2 - rightWidth
        let labelLimit = max(10, min(max(layout.width / 3, spare), layout.width - x - 1 - quotaWidth - 1))
        x += screen.write(" " + state.options.endpointLabel + " ", row: 0, column: x, role: .header, limit: labelLimit)
        x += 1
        let role = stale ? .dim : Self.slotRole(used: known ? used : nil, limit: limit)
        x += screen.write("slots used ", row: 0, column: x, role: .header)
        let cells = drawSlotCells(used: known ? used : nil, limit: limit, row: 0, column: x)
        if stale { screen.paint(row: 0, column: x, count: cells, role: .dim) }
        x += cells
        x += screen.write(usedText, row: 0, column: x, role: role)
        if full { x += screen.write(fullText, row: 0, column: x, role: .gaugeFull) }
        if !plot.isEmpty, x + TextWidth.of(plot) + 2 + rightWidth <= layout.width {
            x += screen.write(plot, row: 0, column: x, role: .dim)
        }
        if !right.isEmpty, x + 2 + rightWidth <= layout.width {
            screen.write(right, row: 0, column: layout.width - rightWidth, role: .header)
        }

        let (line, lineRole) = connectionLine(zone: zone)
        // The right of the line is the screen's: what it shows and how (each screen says its own).
        let settings = screenStatus()
        let settingsWidth = TextWidth.of(settings) + 1
        // Trouble is worth more than the view settings: they give way when the line is long.
        let fits = TextWidth.of(line) + 2 + settingsWidth + 1 <= layout.width
        let lineLimit = fits ? layout.width - settingsWidth - 1 : layout.width - 1
        screen.write(" " + line, row: 1, column: 0, role: lineRole, limit: lineLimit)
        if lineLimit < layout.width - 1, !settings.isEmpty {
            screen.write(settings, row: 1, column: layout.width - settingsWidth, role: .dim)
        }
    }

    /// The screen on top's own status for the header's second line.
    func screenStatus() -> String {
        switch state.route {
        // The list's line adds what today's shown batches cost, where known.
        case .list: return state.list.statusLine + (todaysCost().map { " · " + $0 } ?? "")
        case .items(let items): return items.statusLine
        case .itemBody(_, let body): return body.statusLine(width: layout.width)
        case .team(let team): return team.statusLine
        case .jobs(let jobs): return jobs.statusLine
        case .events(let events): return events.statusLine(count: state.events.entries.count)
        }
    }

    /// The pace actually in use: "every 2s", "every 10s, idle", "paused"; nil while the polls fail,
    /// when the one interval worth saying is the countdown to the next try (the second line's).
    func paceText(withReason: Bool) -> String? {
        if state.poll.paused { return "paused" }
        if case .failing = state.poll.connection.state { return nil }
        let pace = state.pollPace
        return "every \(Formatting.seconds(pace.seconds))" + (withReason ? pace.slowerBecause.map { ", \($0)" } ?? "" : "")
    }

    /// Minutes the slot plot draws at most (a glyph a minute).
    static let slotPlotMinutes = 20

    /// What the plot beside it shows and over how long: "slots over 12m".
    static func slotPlotLabel(_ samples: [Int]) -> String {
        "slots over \(min(samples.count, slotPlotMinutes))m"
    }

    /// The team's slots over the last `slotPlotMinutes`, a glyph a minute, scaled to the limit.
    static func slotPlot(_ samples: [Int], limit: Int) -> String {
        let shown = samples.suffix(slotPlotMinutes)
        return String(shown.map { used in
            let level = min(Sparkline.glyphs.count - 1, max(0, used * (Sparkline.glyphs.count - 1) / max(1, limit)))
            return Sparkline.glyphs[level]
        })
    }

    /// Row 1's words: one state at a time, the worst first.
    mutating func connectionLine(zone: ClockZone) -> (String, StyleRole) {
        let last = state.poll.connection.lastSuccessAt.map { " · data from \(Formatting.clock($0, in: zone))" } ?? ""
        if state.poll.paused {
            return ("‖ paused: p resumes" + last, .warning)
        }
        if state.roundOverdue, let started = state.poll.round.startedAt {
            // The answer is overdue: "live" would be a lie while the view shows old data.
            let waited = state.now.timeIntervalSince(started)
            changes(in: Formatting.durationChange(waited))
            return ("⟳ no answer for \(Formatting.duration(waited)) · r asks again" + (last.isEmpty ? "" : " · stale" + last), .warning)
        }
        if state.poll.round.active, let started = state.poll.round.startedAt {
            changes(in: DashboardState.overdueSeconds - state.now.timeIntervalSince(started))
        }
        var line: String
        var role: StyleRole
        switch state.poll.connection.state {
        case .connecting:
            line = "◌ connecting…"
            role = .dim
        case .live:
            if state.answerOverdue {
                line = "◌ stale" + last
                role = .warning
            } else {
                line = "● live" + (state.poll.connection.lastSuccessAt.map { " · updated \(Formatting.clock($0, in: zone))" } ?? "")
                role = .statusDone
            }
            if let at = state.poll.connection.lastSuccessAt {
                // "live" turns "stale" on its own when the next answer is late.
                let left = state.staleAfter - state.now.timeIntervalSince(at)
                if left > 0 { changes(in: left + 0.01) }
            }
        case .failing(let failure):
            let remaining = failure.nextAttempt.timeIntervalSince(state.now)
            let wait = max(0, Formatting.wholeSeconds(remaining, rounding: .up))
            if remaining > 0 { changes(in: remaining - remaining.rounded(.up) + 1) }
            // The state, the one interval (the header's first line drops the pace meanwhile), and
            // "stale" lead; the error's own words, of any length, come last, where a narrow line cuts.
            switch failure.kind {
            case .keyRefused:
                line = "✗ key refused · next try in \(wait)s, r now"
                role = .error
            case .noBatchAPI:
                line = "✗ no Mesh batch API at this URL · next try in \(wait)s"
                role = .error
            case .outage, .other:
                if failure.failures >= 3 {
                    line = "✗ offline since \(Formatting.clock(failure.since, in: zone)) · retrying in \(wait)s"
                    role = .error
                } else {
                    line = "⟳ retrying in \(wait)s"
                    role = .warning
                }
            }
            if !last.isEmpty { line += " · stale" + last }
            line += " · " + failure.words
        }
        if let reason = state.poll.walk.incomplete {
            line += " · " + reason
            // Still loading (the walk goes on next round) is news; a walk cut short is a warning.
            if role == .statusDone { role = state.poll.walk.resumeAfter != nil ? .normal : .warning }
        }
        return (line, role)
    }

    /// What a refused key or a wrong URL means and what to do, for the list area (wrapped there):
    /// the header line has room only for the words of the error.
    func refusalAdvice(_ kind: ConnectionFailure.Kind) -> [String]? {
        switch kind {
        case .keyRefused:
            let whose = state.options.profileName.map { "MESH_API_KEY or the key of profile \($0)" } ?? "MESH_API_KEY"
            return ["The server is up and refused the key: nothing is known about the batches yet.",
                    "Check \(whose) (meshtop config shows where the key comes from).",
                    "meshtop asks again once a minute; r asks now."]
        case .noBatchAPI:
            let hint = state.options.endpointLabel.contains("/v1")
                ? "The base URL seems to end in /v1: give it without (meshtop adds /v1/batches)."
                : "Is this the Mesh API's base URL? meshtop asks for /v1/batches under it."
            return ["The server answered 404 for the batch list: there is no Mesh batch API at this URL.", hint,
                    "meshtop asks again once a minute; r asks now."]
        case .outage, .other:
            return nil
        }
    }

    /// "today $1.23" for the shown batches created today (local day), "(2 unknown)" for those with
    /// no estimate yet; nil while none of them has one (the COST column says "-" or "?" per row).
    func todaysCost() -> String? {
        let list = state.list
        let total: CostEstimator.Total
        if list.orderCreatedAt.values.count == list.order.count {
            total = todaysTotalFromOrder()
        } else {
            let shown = list.order.lazy.compactMap { state.mirror.batches[$0] }
            total = costs.total(of: CostEstimator.createdOnDay(of: state.serverNow, in: state.options.clockZone, shown))
        }
        guard total.priced > 0 else { return nil }
        return "today " + Formatting.usd(total.usd) + (total.unknown > 0 ? " (\(Formatting.count(total.unknown)) unknown)" : "")
    }

    /// Today's total without a lookup per shown batch: today's are counted from the order's creation
    /// times, and only batches with usage (those whose results were read) are looked up and priced;
    /// every other one of today's is unknown.
    private func todaysTotalFromOrder() -> CostEstimator.Total {
        let day = CostEstimator.LocalDay(of: state.serverNow, in: state.options.clockZone)
        var today = 0
        for created in state.list.orderCreatedAt.values where day.contains(created) { today += 1 }
        var total = CostEstimator.Total()
        guard today > 0 else { return total }
        let needle = SearchFolding(state.list.filter.text)
        for id in state.mirror.usage.keys {
            guard let batch = state.mirror.batches[id], let created = batch.createdAt, day.contains(created),
                  state.list.statusFilter.admits(batch), needle.isEmpty || BatchOrdering.matches(batch, needle),
                  case .usd(let usd) = costs.estimate(batch) else { continue }
            total.usd += usd
            total.priced += 1
        }
        total.unknown = today - total.priced
        return total
    }
}
