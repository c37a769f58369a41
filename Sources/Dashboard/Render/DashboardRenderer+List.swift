import Foundation
import MeshAPI

/// The batch list: only the rows in view are formatted.
extension DashboardRenderer {
    mutating func drawList() {
        let pane = layout.list
        let columns = ListColumns(width: pane.width)
        let heading = " " + TextWidth.fit("STATUS", to: ListColumns.status) + " " + TextWidth.fit("ID", to: columns.id)
            + " " + TextWidth.fit("MODEL", to: columns.model) + " " + TextWidth.fit("PROGRESS", to: columns.progress)
            + " " + TextWidth.fit("AGE", to: ListColumns.age, alignRight: true)
            + " " + TextWidth.fit("ETA", to: ListColumns.eta, alignRight: true) + " " + "PROJECT"
        screen.fill(row: pane.row, column: pane.column, width: pane.width, height: 1, role: .header)
        screen.write(heading, row: pane.row, column: pane.column, role: .header, limit: pane.width)

        let rows = layout.listRows
        if state.order.isEmpty {
            let text: String
            if case .connecting = state.connection { text = "loading batches…" }
            else if state.batches.isEmpty { text = "no batches yet" }
            else { text = "no batch matches (f: \(state.statusFilter.rawValue), /: \(state.filterText))" }
            screen.write(" " + text, row: layout.listFirstRow, column: pane.column, role: .dim, limit: pane.width)
            return
        }
        let start = min(state.listScroll, max(0, state.order.count - 1))
        let end = min(state.order.count, start + rows)
        for index in start..<end {
            guard let batch = state.batches[state.order[index]] else { continue }
            drawRow(batch, row: layout.listFirstRow + index - start, columns: columns,
                    selected: index == state.selectedIndex)
        }
        // The scroll position sits at the right of the column headings, only where it covers none of
        // them (at 80 columns it would hide ETA and PROJECT; the status line still says "N shown").
        if state.order.count > rows {
            let text = " \(start + 1)-\(end) of \(Formatting.count(state.order.count)) "
            let w = TextWidth.of(text)
            if TextWidth.of(heading) + w + 1 <= pane.width {
                screen.write(text, row: pane.row, column: pane.column + pane.width - w - 1, role: .header)
            }
        }
    }

    mutating func drawRow(_ batch: Batch, row: Int, columns: ListColumns, selected: Bool) {
        let pane = layout.list
        var x = pane.column
        let right = pane.column + pane.width
        func put(_ text: String, _ width: Int, _ role: StyleRole, alignRight: Bool = false) {
            guard x < right else { return }
            screen.write(text, row: row, column: x, fitting: width, alignRight: alignRight, role: role, limit: right - x)
            x += width + 1
        }
        let status = state.shownStatus(batch)
        screen.write(selected ? "›" : " ", row: row, column: x, role: selected ? .selected : .normal)
        x += 1
        put(StatusStyle.label(status), ListColumns.status, StatusStyle.role(status))
        put(Self.shortID(batch.id, width: columns.id), columns.id, .normal)
        put(batch.model ?? "-", columns.model, .normal)
        drawProgress(batch, status: status, row: row, column: x, limit: min(columns.progress, max(0, right - x)))
        x += columns.progress + 1
        var age = "-"
        if let created = batch.createdAt {
            let elapsed = state.now.timeIntervalSince1970 - Double(created)
            age = Formatting.age(elapsed)
            changes(in: Formatting.ageChange(elapsed))
        }
        put(age, ListColumns.age, .dim, alignRight: true)
        put(eta(batch, status: status), ListColumns.eta, .normal, alignRight: true)
        if columns.meta > 0 { put(Self.metadataValue(batch) ?? "", columns.meta, .dim) }

        if selected {
            screen.paint(row: row, column: pane.column, count: pane.width, role: .selected)
        } else if let changed = state.changedAt[batch.id], state.now.timeIntervalSince(changed) < DashboardState.highlightSeconds {
            changes(in: DashboardState.highlightSeconds - state.now.timeIntervalSince(changed))
            // The status cell keeps its own role so the word and glyph stay readable.
            let from = pane.column + 1 + ListColumns.status + 1
            screen.paint(row: row, column: from, count: columns.id + 1 + columns.model, role: .changed)
        }
    }

    /// "█████·  498/500 ✗2", or for `finalizing` its own elapsed time instead of a full bar.
    mutating func drawProgress(_ batch: Batch, status: BatchStatus, row: Int, column: Int, limit: Int) {
        guard limit > 0 else { return }
        if status == .finalizing {
            let since = batch.finalizingAt.map { state.now.timeIntervalSince1970 - Double($0) }
            if let since { changes(in: Formatting.durationChange(since)) }
            let text = "finalizing " + (since.map { Formatting.duration($0) } ?? "")
            screen.write(text, row: row, column: column, role: .statusActive, limit: limit)
            return
        }
        // Clamped: a server claiming more done than `total` must not draw a bar past its column.
        let counts = (batch.requestCounts ?? RequestCounts()).clampedToTotal
        let cells = ListColumns.bar
        var done = 0, failed = 0
        if counts.total > 0 {
            done = counts.completed * cells / counts.total
            failed = (counts.completed + counts.failed) * cells / counts.total - done
            if counts.failed > 0, failed == 0, done + failed < cells { failed = 1 }
        }
        var x = column
        x += screen.repeatGlyph("█", count: done, row: row, column: x, role: .progressDone, limit: limit)
        x += screen.repeatGlyph("▒", count: failed, row: row, column: x, role: .progressFailed, limit: column + limit - x)
        x += screen.repeatGlyph("·", count: max(0, cells - done - failed), row: row, column: x,
                                role: .progressTodo, limit: column + limit - x)
        // Exact while it fits ("498/500"); Mesh's largest batches read "16.2k/50k" (the detail pane has the exact figures).
        var fraction = "\(counts.finished)/\(counts.total)"
        if fraction.count > ListColumns.counts {
            fraction = Formatting.compactCount(counts.finished) + "/" + Formatting.compactCount(counts.total)
        }
        let countsText = TextWidth.fit(fraction, to: ListColumns.counts, alignRight: true)
        x += screen.write(" " + countsText, row: row, column: x, role: .normal, limit: column + limit - x)
        if counts.failed > 0 {
            screen.write(" ✗" + Formatting.compactCount(counts.failed), row: row, column: x, role: .progressFailed, limit: column + limit - x)
        }
    }

    func eta(_ batch: Batch, status: BatchStatus) -> String {
        if status.isTerminal { return "" }
        guard status == .inProgress, let counts = batch.requestCounts,
              let seconds = state.progress[batch.id]?.eta(pending: counts.pending) else { return "-" }
        return Formatting.age(seconds)
    }

    /// The id's end: Mesh ids share their prefix and time-ordered start; the tail tells them apart.
    static func shortID(_ id: String, width: Int) -> String {
        if TextWidth.of(id) <= width { return id }
        return "…" + String(id.suffix(max(0, width - 1)))
    }

    /// The first of project, name, description.
    static func metadataValue(_ batch: Batch) -> String? {
        guard let metadata = batch.metadata else { return nil }
        for key in ["project", "name", "description"] {
            if let value = metadata[key]?.stringValue, !value.isEmpty { return value }
        }
        return nil
    }
}
