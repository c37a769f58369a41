import Foundation
import MeshAPI

/// The batch list: only the rows in view are formatted.
extension DashboardRenderer {
    mutating func drawList() {
        let pane = layout.list
        // Zoomed, the detail pane has the whole body (and says the position in its title).
        guard pane.height > 0 else { return }
        let columns = ListColumns(width: pane.width)
        let list = state.list
        func heading(_ name: String, _ key: SortKey?, _ width: Int, alignRight: Bool = false) -> String {
            // The sort shows where it applies: ▾ in its natural direction, ▴ reversed (S).
            let marked = key == list.sort ? name + (list.sortReversed ? "▴" : "▾") : name
            return TextWidth.fit(marked, to: width, alignRight: alignRight)
        }
        let text = " " + heading("STATUS", .status, ListColumns.status)
            + (columns.id > 0 ? " " + heading("ID", nil, columns.id) : "")
            + " " + heading("MODEL", .model, columns.model) + " " + heading("PROGRESS", .progress, ListColumns.progress)
            + " " + heading("AGE", .created, ListColumns.age, alignRight: true)
            + " " + heading("ETA", .eta, ListColumns.eta, alignRight: true)
            + (columns.cost > 0 ? " " + TextWidth.fit("COST", to: columns.cost, alignRight: true) : "")
            + (columns.meta > 0 ? " PROJECT" : "")
        // The list's position ("3/14") is the message line's ruler (`drawMessageLine`): the headings
        // fill this row at 60 columns, and it covered ETA and PROJECT where it was drawn here.
        screen.fill(row: pane.row, column: pane.column, width: pane.width, height: 1, role: .header)
        screen.write(text, row: pane.row, column: pane.column, role: .header, limit: pane.width)

        if list.order.isEmpty {
            let words: String
            if case .failing(let failure) = state.poll.connection.state, let advice = refusalAdvice(failure.kind) {
                var y = layout.listFirstRow
                for line in advice.flatMap({ TextWrap.lines($0, width: max(1, pane.width - 2)) }) where y < layout.listFirstRow + layout.listRows {
                    screen.write(" " + line, row: y, column: pane.column, role: .error, limit: pane.width)
                    y += 1
                }
                return
            }
            if !state.mirror.everLoaded {
                if case .failing = state.poll.connection.state {
                    words = "waiting for the first answer (the server has not answered yet)"
                } else {
                    words = "waiting for the first answer…"
                }
            } else if state.mirror.batches.isEmpty {
                words = "no batches yet"
            } else {
                words = "no batch matches (f: \(list.statusFilter.rawValue), /: \(list.filter.text))"
            }
            screen.write(" " + words, row: layout.listFirstRow, column: pane.column, role: .dim, limit: pane.width)
            return
        }
        let extent = list.extent(layout)
        let scroll = list.scroll.clamped(to: extent)
        let visible = scroll.visible(in: extent)
        for index in visible {
            guard let batch = state.mirror.batches[list.order[index]] else { continue }
            drawRow(batch, row: layout.listFirstRow + index - scroll.offset, columns: columns,
                    selected: index == scroll.selected && !state.options.screenGrab)
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
        let status = state.mirror.shownStatus(batch)
        screen.write(selected ? "›" : " ", row: row, column: x, role: selected ? .selected : .normal)
        x += 1
        put(StatusStyle.label(status, counts: batch.requestCounts), ListColumns.status,
            StatusStyle.role(status, counts: batch.requestCounts))
        if columns.id > 0 { put(Self.shortID(batch.id, width: columns.id), columns.id, .normal) }
        // Cut in the middle: a long model name's end tells it from its kin.
        put(TextWidth.truncateMiddle(Self.modelName(batch.model), to: columns.model), columns.model, .normal)
        let bar = x..<max(x, min(right, x + ListColumns.bar))
        drawProgress(batch, status: status, row: row, column: x, limit: min(ListColumns.progress, max(0, right - x)))
        x += ListColumns.progress + 1
        var age = "-"
        if let created = batch.createdAt {
            let elapsed = state.serverNow.timeIntervalSince1970 - Double(created)
            age = Formatting.age(elapsed)
            changes(in: Formatting.ageChange(elapsed))
        }
        put(age, ListColumns.age, .dim, alignRight: true)
        put(eta(batch, status: status), ListColumns.eta, .normal, alignRight: true)
        if columns.cost > 0 {
            let (text, role) = Self.costCell(costs.estimate(batch))
            put(text, columns.cost, role, alignRight: true)
        }
        if columns.meta > 0 { put(origin(batch, width: columns.meta) ?? Self.metadataValue(batch) ?? "", columns.meta, .dim) }

        // A batch still running while the answers fail is drawn faint: its numbers are the last
        // answer's. An ended batch is final, so it reads as it is.
        let stale = state.showsStaleData && !status.isTerminal
        if stale, !selected { screen.paint(row: row, column: pane.column, count: pane.width, role: .dim) }
        if selected {
            // The bar keeps its colours on the normal background inside the highlight (see `paint`).
            screen.paint(row: row, column: pane.column, count: pane.width, role: .selected,
                         sparing: status == .finalizing ? 0..<0 : bar)
        } else if !stale, let changed = state.mirror.changedAt[batch.id], state.now.timeIntervalSince(changed) < DashboardState.highlightSeconds {
            changes(in: DashboardState.highlightSeconds - state.now.timeIntervalSince(changed))
            // Only the value that changes with movement, the counts ("498/500"), not the row: the id
            // and model never change, and a whole lit row on every poll told nothing.
            let counts = pane.column + 1 + ListColumns.status + 1 + (columns.id > 0 ? columns.id + 1 : 0) + columns.model + 1
                + ListColumns.bar + 1
            let count = min(ListColumns.counts, max(0, pane.column + pane.width - counts))
            if count > 0 { screen.paint(row: row, column: counts, count: count, role: .changed) }
        }
    }

    /// "████▓·  498/500 ✗2": a cell per share of succeeded, failed, not run and to do, or for
    /// `finalizing` its own elapsed time instead of a full bar.
    mutating func drawProgress(_ batch: Batch, status: BatchStatus, row: Int, column: Int, limit: Int) {
        guard limit > 0 else { return }
        if status == .finalizing {
            let since = batch.finalizingAt.map { state.serverNow.timeIntervalSince1970 - Double($0) }
            if let since { changes(in: Formatting.durationChange(since)) }
            let text = "finalizing " + (since.map { Formatting.duration($0) } ?? "")
            screen.write(text, row: row, column: column, role: .statusActive, limit: limit)
            return
        }
        // Clamped: a server claiming more done than `total` must not draw a bar past its column.
        let counts = (batch.requestCounts ?? RequestCounts()).clampedToTotal
        let cells = ListColumns.bar
        // Items still pending in a batch that ended will never run.
        let notRun = status.isTerminal ? counts.pending : 0
        var x = column
        x += drawProgressCells(succeeded: counts.completed, failed: counts.failed, notRun: notRun, total: counts.total,
                               cells: cells, row: row, column: x, limit: limit)
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

    /// The list's and the detail pane's estimates, at the catalog's batch prices.
    var costs: CostEstimator { CostEstimator(models: state.models, usage: state.mirror.usage) }

    /// "$0.45"; "-" until the batch's results (and so its token usage) are in; "?" without a batch price.
    static func costCell(_ estimate: CostEstimator.Estimate) -> (String, StyleRole) {
        switch estimate {
        case .usd(let usd) where usd > 0 && usd < 0.0001: return ("<$.0001", .normal)
        case .usd(let usd): return (usd >= 1000 ? "$" + Formatting.count(Int(usd.rounded())) : Formatting.usd(usd), .normal)
        case .noUsage: return ("-", .dim)
        case .noPrice: return ("?", .dim)
        }
    }

    func eta(_ batch: Batch, status: BatchStatus) -> String {
        // No promise for a batch that will not finish its items (cancelling) or has ended.
        if status.isTerminal || status == .cancelling { return "" }
        // Measured from movement: while no answer comes, nobody has seen it move.
        if state.showsStaleData { return "-" }
        guard status == .inProgress, let counts = batch.requestCounts,
              let seconds = state.mirror.progress[batch.id]?.eta(pending: counts.pending) else { return "-" }
        return Formatting.age(seconds)
    }

    /// The id as it fits: whole; without the `batch_` prefix every Mesh id shares; or its end (the
    /// random tail of the ULID is what tells batches apart).
    static func shortID(_ id: String, width: Int) -> String {
        if TextWidth.of(id) <= width { return id }
        if id.hasPrefix("batch_"), TextWidth.of(id) - 6 <= width { return String(id.dropFirst(6)) }
        return "…" + String(id.suffix(max(0, width - 1)))
    }

    /// The model without its provider (`openai/gpt-4o-mini` reads `gpt-4o-mini`): the detail pane
    /// names the provider, and the name is what tells models apart.
    static func modelName(_ model: String?) -> String {
        guard let model else { return "-" }
        if let slash = model.lastIndex(of: "/") { return String(model[model.index(after: slash)...]) }
        return model
    }

    /// Where a batch came from, before its own metadata: a job's batch shows the job's name (from
    /// the journal; its id when this machine's journal does not know it) and its attempt when a
    /// retry; a `batches retry` batch what it retries.
    func origin(_ batch: Batch, width: Int) -> String? {
        guard let metadata = batch.metadata else { return nil }
        if let job = metadata[JobMetadataKey.job]?.stringValue, !job.isEmpty {
            let name = state.jobNames[job] ?? job
            let attempt = metadata[JobMetadataKey.attempt]?.stringValue.flatMap(Int.init) ?? 1
            // The attempt before the name, so a long name is what gets cut.
            return (attempt > 1 ? "job try \(attempt) " : "job ") + name
        }
        if let retried = metadata[JobMetadataKey.retryOf]?.stringValue, !retried.isEmpty {
            return "retry of " + Self.shortID(retried, width: max(1, width - 9))
        }
        return nil
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

extension ListScreen {
    /// "3/14": the selected row of the rows shown (nil with none), the message line's ruler.
    var position: String? {
        guard let selected = scroll.clamped(to: ScrollExtent(count: order.count, page: 1)).selected else { return nil }
        return "\(Formatting.count(selected + 1))/\(Formatting.count(order.count))"
    }

    /// The header's second line on the list: "sort created · all · /gpt · 8 shown".
    var statusLine: String {
        var text = "sort \(sort.rawValue)\(sortReversed ? "▴" : "") · \(statusFilter.rawValue)"
        if !filter.text.isEmpty { text += " · /\(filter.text)" }
        return text + " · \(Formatting.count(order.count)) shown"
    }
}
