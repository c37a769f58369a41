import Foundation
import MeshAPI

/// The detail pane: every field of the selected batch.
extension DashboardRenderer {
    mutating func drawDetail() {
        let pane = layout.detail
        guard pane.height > 0, pane.width > 4 else { return }
        let focused = state.focus == .detail
        let borderRole: StyleRole = focused ? .title : .border
        var top = pane.row
        var left = pane.column
        var width = pane.width
        if layout.sideBySide {
            for y in pane.row..<(pane.row + pane.height) { screen.write("│", row: y, column: pane.column, role: borderRole) }
            left += 2
            width -= 2
            screen.write(focused ? "DETAIL (Tab: list)" : "DETAIL", row: top, column: left, role: .header, limit: width)
            top += 1
        } else {
            screen.repeatGlyph("─", count: pane.width, row: top, column: left, role: borderRole, limit: pane.width)
            screen.write(focused ? " detail (Tab: list) " : " detail ", row: top, column: left + 2, role: borderRole)
            top += 1
        }
        let rows = pane.row + pane.height - top
        guard let batch = state.selectedBatch else {
            screen.write("nothing selected", row: top, column: left, role: .dim, limit: width)
            return
        }
        let lines = detailLines(batch)
        let labelWidth = 12
        let scroll = min(state.detailScroll, max(0, lines.count - rows))
        for (offset, line) in lines.dropFirst(scroll).prefix(rows).enumerated() {
            let y = top + offset
            screen.write(TextWidth.fit(line.label, to: labelWidth), row: y, column: left, role: .dim, limit: width)
            screen.write(line.value, row: y, column: left + labelWidth + 1, role: line.role, limit: max(0, width - labelWidth - 1))
        }
        if lines.count > rows, rows > 0 {
            let more = "\(scroll + 1)-\(min(lines.count, scroll + rows))/\(lines.count)"
            screen.write(more, row: pane.row, column: pane.column + pane.width - TextWidth.of(more) - 1, role: .dim)
        }
    }

    mutating func detailLines(_ batch: Batch) -> [DetailLine] {
        let zone = state.options.timeZone
        let status = state.shownStatus(batch)
        var lines: [DetailLine] = [
            DetailLine(label: "id", value: batch.id),
            DetailLine(label: "status", value: StatusStyle.label(status)
                + (state.cancelRequested.contains(batch.id) ? " (cancel requested)" : ""), role: StatusStyle.role(status)),
            DetailLine(label: "model", value: (batch.model ?? "-") + (batch.provider.map { " (\($0))" } ?? "")),
        ]
        if let endpoint = batch.endpoint { lines.append(DetailLine(label: "endpoint", value: endpoint)) }
        if let window = batch.completionWindow { lines.append(DetailLine(label: "window", value: window)) }

        let created = batch.createdAt.map { Double($0) }
        func stamp(_ label: String, _ value: Int?) {
            guard let value else { return }
            let date = Date(timeIntervalSince1970: Double(value))
            var text = Formatting.dateTime(date, in: zone)
            if let created, label != "created" {
                text += " (+\(Formatting.duration(Double(value) - created)))"
            } else {
                // Coarse, as ages are: the exact time is right beside it, and a frame that does not
                // change every second is not redrawn every second.
                let elapsed = state.now.timeIntervalSince(date)
                text += " (\(Formatting.age(elapsed)) ago)"
                changes(in: Formatting.ageChange(elapsed))
            }
            lines.append(DetailLine(label: label, value: text))
        }
        stamp("created", batch.createdAt)
        stamp("in progress", batch.inProgressAt)
        stamp("finalizing", batch.finalizingAt)
        stamp("completed", batch.completedAt)
        stamp("failed", batch.failedAt)
        stamp("cancelling", batch.cancellingAt)
        stamp("cancelled", batch.cancelledAt)
        stamp("expired", batch.expiredAt)
        if let expires = batch.expiresAt, !status.isTerminal {
            let date = Date(timeIntervalSince1970: Double(expires))
            let left = date.timeIntervalSince(state.now)
            if left >= 0 { changes(in: Formatting.countdownChange(left)) }
            lines.append(DetailLine(label: "expires", value: Formatting.dateTime(date, in: zone)
                + (left >= 0 ? " (in \(Formatting.duration(left)))" : " (overdue)"), role: left < 3600 ? .warning : .normal))
        }
        if let counts = batch.requestCounts {
            lines.append(DetailLine(label: "items", value: "\(Formatting.count(counts.total)) total, "
                + "\(Formatting.count(counts.completed)) ok, \(Formatting.count(counts.failed)) failed, "
                + "\(Formatting.count(counts.pending)) pending"))
            if !status.isTerminal, let rate = state.progress[batch.id]?.itemsPerSecond {
                var text = String(format: "%.1f items/s", rate)
                if let eta = state.progress[batch.id]?.eta(pending: counts.pending) {
                    text += ", done in about \(Formatting.duration(eta))"
                }
                lines.append(DetailLine(label: "throughput", value: text))
            }
        }
        for (key, value) in (batch.metadata ?? [:]).sorted(by: { $0.key < $1.key }) {
            lines.append(DetailLine(label: "meta", value: "\(key): \(value.displayText)"))
        }
        for detail in batch.errorsDetail ?? [] {
            var text = "\(detail.code ?? "error"): \(detail.message ?? "")"
            if let line = detail.line { text += " (line \(line))" }
            if let param = detail.param { text += " [\(param)]" }
            lines.append(DetailLine(label: "error", value: text, role: .error))
        }
        if let usage = state.usage[batch.id] {
            lines.append(DetailLine(label: "tokens", value: "\(Formatting.count(usage.promptTokens)) in, "
                + "\(Formatting.count(usage.completionTokens)) out, \(Formatting.count(usage.totalTokens)) total"))
            let price = batch.model.flatMap { state.models[$0]?.pricing }
            if let cost = price?.estimatedBatchCost(usage) {
                lines.append(DetailLine(label: "est. cost", value: "\(Formatting.usd(cost)) at batch prices"))
            } else {
                lines.append(DetailLine(label: "est. cost", value: "unknown (no batch price for this model)", role: .dim))
            }
        } else if status.isTerminal {
            lines.append(DetailLine(label: "results", value: "not loaded yet (Enter loads them)", role: .dim))
        } else {
            lines.append(DetailLine(label: "results", value: "Mesh returns item results when the batch ends", role: .dim))
        }
        if let file = batch.inputFileID { lines.append(DetailLine(label: "input file", value: file)) }
        if let file = batch.outputFileID { lines.append(DetailLine(label: "output file", value: file)) }
        if let file = batch.errorFileID { lines.append(DetailLine(label: "error file", value: file)) }
        return lines
    }
}
