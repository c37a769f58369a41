import Foundation

/// The event log: a row an event, newest first; the words take the width that is left.
extension DashboardRenderer {
    mutating func drawEventLog(_ log: EventLogScreen) {
        let area = layout.body
        let zone = state.options.clockZone
        let entries = state.events.entries
        screen.write(" event log: what ended or was refused, newest first (server times)",
                     row: area.row, column: 0, role: .title, limit: layout.width)
        // The batch id whole where it fits (it is what `meshtop batches get` takes), its tail at 80;
        // at 60 the project tells a person more than an id tail. The project gets what it needs, leaving
        // the words 28 columns at least ("5 ok, 0 failed, 295 not run" whole: what happened matters most).
        let idWidth = layout.width >= 120 ? 32 : (layout.width >= 80 ? 14 : 0)
        let kindWidth = 9
        let fixed = 1 + 8 + 1 + kindWidth + 1 + (idWidth > 0 ? idWidth + 1 : 0)
        let longest = entries.lazy.map { TextWidth.of($0.project ?? "") }.max() ?? 0
        let projectWidth = longest == 0 ? 0 : min(max(7, longest), max(7, layout.width - fixed - 1 - 28))
        var heading = " " + TextWidth.fit("TIME", to: 8) + " " + TextWidth.fit("EVENT", to: kindWidth)
        if idWidth > 0 { heading += " " + TextWidth.fit("BATCH", to: idWidth) }
        if projectWidth > 0 { heading += " " + TextWidth.fit("PROJECT", to: projectWidth) }
        heading += " WHAT"
        screen.fill(row: area.row + 1, column: 0, width: layout.width, height: 1, role: .header)
        screen.write(heading, row: area.row + 1, column: 0, role: .header, limit: layout.width)
        guard !entries.isEmpty else {
            screen.write(" nothing yet: batches that end, and cancels or keys the server refuses, are listed here",
                         row: area.row + 2, column: 0, role: .dim, limit: layout.width)
            return
        }
        let extent = log.extent(count: entries.count, layout)
        let scroll = log.scroll.clamped(to: extent)
        for index in scroll.visible(in: extent) {
            let event = entries[entries.count - 1 - index]
            let y = area.row + 2 + index - scroll.offset
            var x = 1
            x += screen.write(TextWidth.fit(Formatting.clock(event.at, in: zone), to: 8), row: y, column: x, role: .dim) + 1
            x += screen.write(TextWidth.fit(event.kind.rawValue, to: kindWidth), row: y, column: x, role: Self.eventRole(event.kind)) + 1
            if idWidth > 0 {
                let id = event.batchID.map { Self.shortID($0, width: idWidth) } ?? "-"
                x += screen.write(TextWidth.fit(id, to: idWidth), row: y, column: x, role: .normal) + 1
            }
            if projectWidth > 0 {
                x += screen.write(TextWidth.fit(event.project ?? "", to: projectWidth), row: y, column: x, role: .dim) + 1
            }
            screen.write(event.text, row: y, column: x, role: .normal, limit: layout.width - x)
        }
        if entries.count > extent.page {
            let position = " \(scroll.offset + 1)-\(scroll.visible(in: extent).upperBound) of \(Formatting.count(entries.count)) "
            let w = TextWidth.of(position)
            if TextWidth.of(heading) + w + 1 <= layout.width {
                screen.write(position, row: area.row + 1, column: layout.width - w - 1, role: .header)
            }
        }
    }

    /// An event's kind in the colours the list gives the same statuses.
    static func eventRole(_ kind: LoggedEvent.Kind) -> StyleRole {
        switch kind {
        case .completed: return .statusDone
        case .failed, .expired: return .statusFailed
        case .cancelled: return .statusCancelled
        case .refused: return .error
        }
    }
}
