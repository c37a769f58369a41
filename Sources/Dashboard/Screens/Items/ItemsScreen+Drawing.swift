import Foundation
import MeshAPI

/// The items screen: its summary, the errors by code, one row an item, the selected item's error.
extension DashboardRenderer {
    mutating func drawItems(_ items: ItemsScreen) {
        let body = layout.body
        let batchID = items.batchID
        guard let batch = state.mirror.batches[batchID] else {
            screen.write(" \(batchID) is no longer listed", row: body.row, column: 0, role: .dim)
            return
        }
        let status = state.mirror.shownStatus(batch)
        var summary = " \(batch.id) \(StatusStyle.label(status, counts: batch.requestCounts))"
        let counts = batch.requestCounts ?? RequestCounts()
        let rows = state.results.items[batchID]
        if let index = items.index {
            summary += " · \(Formatting.count(index.succeeded)) succeeded, \(Formatting.count(index.failed)) failed, "
                + "\(Formatting.count(index.notRun)) not run"
            // The errors by code get a line of their own; the picked code (x) is marked.
            let groupsRow = body.row + 1
            if index.groups.isEmpty {
                screen.write(" no errors", row: groupsRow, column: 0, role: .dim)
            } else {
                var x = screen.write(" errors by code (x picks): ", row: groupsRow, column: 0, role: .dim)
                for (n, group) in index.groups.enumerated() {
                    let picked = group.code == items.errorCode
                    let text = (n > 0 ? " · " : "") + (picked ? "▸" : "") + "\(group.code) ×\(Formatting.count(group.count))"
                    guard x < layout.width else { break }
                    x += screen.write(text, row: groupsRow, column: x, role: picked ? .selected : .statusFailed, limit: layout.width - x)
                }
            }
        }
        screen.write(summary, row: body.row, column: 0, role: .title, limit: layout.width)
        let columnsRow = body.row + 2
        let idWidth = items.customIDWidth(layout)
        let mark: (ItemSortKey) -> String = { $0 == items.sort ? $0.arrow(reversed: items.sortReversed) : "" }
        let heading = " " + TextWidth.fit("CUSTOM ID" + mark(.customID), to: idWidth) + " "
            + TextWidth.fit("STATUS" + mark(.status), to: 11) + " "
            + TextWidth.fit("HTTP", to: 4) + " " + TextWidth.fit("TOKENS" + mark(.tokens), to: 7, alignRight: true)
            + " ERROR / ANSWER"
        screen.fill(row: columnsRow, column: 0, width: layout.width, height: 1, role: .header)
        screen.write(heading, row: columnsRow, column: 0, role: .header)

        guard let index = items.index, let rows else {
            let text: String
            if !status.isTerminal {
                text = "\(Formatting.count(counts.pending)) pending: Mesh returns item results when the batch ends"
            } else if let reason = state.results.unavailable[batchID] {
                screen.write(" cannot load the results: \(reason) · r asks again", row: layout.itemsFirstRow, column: 0,
                             role: .error, limit: layout.width)
                return
            } else {
                text = "loading results…"
            }
            screen.write(" " + text, row: layout.itemsFirstRow, column: 0, role: .dim)
            return
        }
        var filters: [String] = []
        if items.outcome != .all { filters.append(items.outcome.rawValue) }
        if let code = items.errorCode { filters.append("code \(code)") }
        if !items.search.text.isEmpty { filters.append("/\(items.search.text)") }
        if items.sort != .submitted || items.sortReversed {
            filters.append("by \(items.sort.rawValue)\(items.sortReversed ? " reversed" : "")")
        }
        let extent = items.extent(layout)
        let scroll = items.scroll.clamped(to: extent)
        let visible = scroll.visible(in: extent)
        let position = filters.isEmpty ? "" : filters.joined(separator: " · ") + " · "
        let place = extent.count > extent.page ? "\(scroll.offset + 1)-\(visible.upperBound) of " : ""
        let tail = " \(position)\(place)\(Formatting.count(extent.count)) shown "
        if TextWidth.of(heading) + TextWidth.of(tail) + 1 <= layout.width {
            screen.write(tail, row: columnsRow, column: layout.width - TextWidth.of(tail) - 1, role: .header)
        }
        if index.shown.isEmpty {
            screen.write(items.query.isFiltered ? " no item matches (f, x and / filter; Esc in / clears)" : " no items",
                         row: layout.itemsFirstRow, column: 0, role: .dim)
            return
        }
        for row in visible {
            let item = rows[index.shown[row]]
            let y = layout.itemsFirstRow + row - scroll.offset
            let outcome = item.outcome
            let role: StyleRole = outcome == .succeeded ? .statusDone : (outcome == .failed ? .statusFailed : .statusCancelled)
            let glyph = outcome == .succeeded ? "✓" : (outcome == .failed ? "✗" : "⊗")
            var x = 1
            x += screen.write(TextWidth.fit(item.customID, to: idWidth), row: y, column: x) + 1
            x += screen.write(TextWidth.fit("\(glyph) \(outcome.rawValue)", to: 11), row: y, column: x, role: role) + 1
            x += screen.write(TextWidth.fit(item.statusCode.map(String.init) ?? "-", to: 4), row: y, column: x) + 1
            let tokens = item.totalTokens.map(String.init) ?? "-"
            x += screen.write(TextWidth.fit(tokens, to: 7, alignRight: true), row: y, column: x) + 1
            // The error of an item that did not succeed; the start of the answer of one that did
            // (the text `batches results` shows, kept on one line in the summary).
            if let error = item.error {
                screen.write(Self.errorWords(error), row: y, column: x, role: .error, limit: layout.width - x)
            } else if let answer = item.answerStart {
                screen.write(answer, row: y, column: x, role: .normal, limit: layout.width - x)
            }
            if row == scroll.selected {
                screen.write("›", row: y, column: 0)
                screen.paint(row: y, column: 0, count: layout.width, role: .selected)
            }
        }
        drawSelectedItemError(items, rows: rows, index: index)
    }

    /// The selected item's whole error, wrapped on lines of its own under the rows: the ERROR
    /// column cuts a long message.
    mutating func drawSelectedItemError(_ items: ItemsScreen, rows: [ItemSummary], index: ItemsIndex) {
        let top = layout.itemsFirstRow + layout.itemRows
        let available = layout.itemErrorRows
        guard let selected = items.scroll.selected, selected < index.shown.count else { return }
        let item = rows[index.shown[selected]]
        guard let error = item.error else {
            // A succeeded item: its tokens, and as much of its answer's start as the lines hold.
            let text = "\(item.customID): \(item.outcome.rawValue)\(item.totalTokens.map { ", \($0) tokens" } ?? "")"
                + (item.answerStart.map { " · " + $0 } ?? "")
            for (offset, line) in TextWrap.lines(text, width: max(1, layout.width - 2)).prefix(available).enumerated() {
                screen.write(" " + line, row: top + offset, column: 0, role: .dim, limit: layout.width)
            }
            return
        }
        let lines = TextWrap.lines("\(item.customID): " + Self.errorWords(error), width: max(1, layout.width - 2))
        for (offset, line) in lines.prefix(available).enumerated() {
            var text = line
            if offset == available - 1, lines.count > available { text = TextWidth.truncate(line, to: layout.width - 4) + " ⏎…" }
            screen.write(" " + text, row: top + offset, column: 0, role: .error, limit: layout.width)
        }
    }

    static func errorWords(_ error: ItemError) -> String {
        "\(error.code ?? "error"): \(error.message ?? "")"
    }
}

extension ItemsScreen {
    /// The CUSTOM ID column: as wide as the widest id shown (and its heading), at most a third of
    /// the screen and 40 columns, so the rest goes to the error or answer.
    func customIDWidth(_ layout: Layout) -> Int {
        let cap = max(12, min(40, layout.width / 3))
        return min(cap, max(10, index?.widestCustomID ?? 10))
    }

    /// The header's second line on the items: "sort submitted · all · 60 shown" (no count before
    /// the results are in).
    var statusLine: String {
        var text = "sort \(sort.rawValue)\(sort.arrow(reversed: sortReversed)) · \(outcome.rawValue)"
        if let errorCode { text += " · code \(errorCode)" }
        if !search.text.isEmpty { text += " · /\(search.text)" }
        if let index { text += " · \(Formatting.count(index.shown.count)) shown" }
        return text
    }
}
