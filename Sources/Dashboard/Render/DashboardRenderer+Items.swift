import Foundation
import MeshAPI

/// The items view and the item body view.
extension DashboardRenderer {
    mutating func drawItems(batchID: String) {
        let body = layout.body
        guard let batch = state.batches[batchID] else {
            screen.write(" \(batchID) is no longer listed", row: body.row, column: 0, role: .dim)
            return
        }
        let status = state.shownStatus(batch)
        var summary = " \(Self.shortID(batch.id, width: 30)) \(StatusStyle.label(status))"
        let counts = batch.requestCounts ?? RequestCounts()
        let items = state.items
        let results = state.results[batchID]
        if let items, results != nil {
            // The filter first: the rest of the line runs off a narrow terminal.
            if items.failedOnly { summary += " · failed only" }
            summary += " · \(Formatting.count(items.succeeded)) succeeded, \(Formatting.count(items.failed)) failed, "
                + "\(Formatting.count(items.notRun)) not run"
            // The errors by code get a line of their own: at the end of the summary they ran off 80 columns.
            let groupsRow = body.row + 1
            if items.groups.isEmpty {
                screen.write(" no errors", row: groupsRow, column: 0, role: .dim)
            } else {
                let x = screen.write(" errors by code: ", row: groupsRow, column: 0, role: .dim)
                let text = items.groups.map { "\($0.code) ×\(Formatting.count($0.count))" }.joined(separator: " · ")
                screen.write(text, row: groupsRow, column: x, role: .statusFailed, limit: layout.width - x)
            }
        }
        screen.write(summary, row: body.row, column: 0, role: .title)
        let columnsRow = body.row + 2
        let idWidth = max(12, min(32, layout.width / 4))
        let heading = " " + TextWidth.fit("CUSTOM ID", to: idWidth) + " " + TextWidth.fit("STATUS", to: 11) + " "
            + TextWidth.fit("HTTP", to: 4) + " " + TextWidth.fit("TOKENS", to: 7, alignRight: true) + " ERROR"
        screen.fill(row: columnsRow, column: 0, width: layout.width, height: 1, role: .header)
        screen.write(heading, row: columnsRow, column: 0, role: .header)

        guard let items, let results else {
            let text: String
            if !status.isTerminal {
                text = "\(Formatting.count(counts.pending)) pending: Mesh returns item results when the batch ends"
            } else {
                text = "loading results…"
            }
            screen.write(" " + text, row: layout.itemsFirstRow, column: 0, role: .dim)
            return
        }
        if items.shown.isEmpty {
            screen.write(items.failedOnly ? " no failed items" : " no items", row: layout.itemsFirstRow, column: 0, role: .dim)
            return
        }
        let start = min(state.itemScroll, max(0, items.shown.count - 1))
        let end = min(items.shown.count, start + layout.itemRows)
        for index in start..<end {
            let item = results[items.shown[index]]
            let y = layout.itemsFirstRow + index - start
            let outcome = item.outcome
            let role: StyleRole = outcome == .succeeded ? .statusDone : (outcome == .failed ? .statusFailed : .statusCancelled)
            let glyph = outcome == .succeeded ? "✓" : (outcome == .failed ? "✗" : "⊗")
            var x = 1
            x += screen.write(TextWidth.fit(item.customID, to: idWidth), row: y, column: x) + 1
            x += screen.write(TextWidth.fit("\(glyph) \(outcome.rawValue)", to: 11), row: y, column: x, role: role) + 1
            x += screen.write(TextWidth.fit(item.statusCode.map(String.init) ?? "-", to: 4), row: y, column: x) + 1
            let tokens = item.totalTokens.map(String.init) ?? "-"
            x += screen.write(TextWidth.fit(tokens, to: 7, alignRight: true), row: y, column: x) + 1
            if let error = item.error {
                screen.write("\(error.code ?? "error"): \(error.message ?? "")", row: y, column: x, role: .error)
            }
            if index == state.itemSelection {
                screen.write("›", row: y, column: 0)
                screen.paint(row: y, column: 0, count: layout.width, role: .selected)
            }
        }
        if items.shown.count > layout.itemRows {
            let text = " \(start + 1)-\(end) of \(Formatting.count(items.shown.count)) "
            screen.write(text, row: columnsRow, column: layout.width - TextWidth.of(text) - 1, role: .header)
        }
    }

    mutating func drawItemBody(batchID: String, customID: String) {
        let body = layout.body
        guard let itemBody = state.itemBody, itemBody.batchID == batchID, itemBody.customID == customID else {
            screen.write(" \(customID): no result", row: body.row, column: 0, role: .dim)
            return
        }
        let title = " \(Self.shortID(batchID, width: 30)) › \(customID) · \(itemBody.outcome.rawValue)"
        screen.write(title, row: body.row, column: 0, role: .title)
        guard let lines = itemBody.lines else {
            let text = itemBody.failure.map { "cannot show this result: \($0)" } ?? "reading the result…"
            screen.write(" " + text, row: body.row + 1, column: 0, role: itemBody.failure == nil ? .dim : .error)
            return
        }
        let rows = body.height - 1
        let scroll = min(state.bodyScroll, max(0, lines.count - rows))
        if lines.count > rows {
            let more = " lines \(scroll + 1)-\(min(lines.count, scroll + rows)) of \(lines.count) "
            screen.write(more, row: body.row, column: layout.width - TextWidth.of(more), role: .dim)
        }
        for (offset, line) in lines.dropFirst(scroll).prefix(rows).enumerated() {
            screen.write(" " + line, row: body.row + 1 + offset, column: 0)
        }
    }
}
