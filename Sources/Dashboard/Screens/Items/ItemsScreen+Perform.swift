import MeshAPI

/// The items screen's commands: moving, filters, sorting, opening an item, exporting.
extension ItemsScreen: DashboardScreen {
    func extent(_ layout: Layout) -> ScrollExtent {
        ScrollExtent(count: index?.shown.count ?? 0, page: layout.itemRows)
    }

    mutating func perform(_ command: Command, in app: DashboardState) -> [ScreenEffect] {
        let layout = app.layout
        let rows = app.results.items[batchID]
        if scroll.perform(command, in: extent(layout)) { return [] }
        switch command {
        case .open:
            guard let index, let selected = scroll.selected, selected < index.shown.count, let rows else { return [] }
            return openBody(rows[index.shown[selected]], wrap: true)
        case .back:
            return [.back]
        case .copy:
            guard let index, let selected = scroll.selected, selected < index.shown.count, let rows else { return [] }
            return [.copy(rows[index.shown[selected]].customID, what: "custom_id")]
        case .startFilter:
            search.editing = true
        case .cycleSort:
            sort = sort.next
            rebuild(rows, layout)
            return [sortMessage]
        case .reverseSort:
            sortReversed.toggle()
            rebuild(rows, layout)
            return [sortMessage]
        case .cycleOutcomeFilter:
            outcome = outcome.next
            rebuild(rows, layout)
        case .cycleErrorCode:
            let groups = index?.groups ?? []
            if let current = errorCode, let at = groups.firstIndex(where: { $0.code == current }) {
                errorCode = at + 1 < groups.count ? groups[at + 1].code : nil
            } else {
                errorCode = groups.first?.code
            }
            // A code belongs to failed and unrun items: an outcome filter that hides them goes.
            if errorCode != nil, outcome == .succeeded { outcome = .all }
            rebuild(rows, layout)
        case .export:
            return export(rows)
        case .textApply:
            search.editing = false
        case .textClear:
            search = TextQuery()
            rebuild(rows, layout)
        case .textEraseAll, .textEraseWord:
            if search.erase(command) { rebuild(rows, layout) }
        default:
            break
        }
        return []
    }

    /// The selected item's body, read from the spool.
    func openBody(_ item: ItemSummary, wrap: Bool) -> [ScreenEffect] {
        var body = ItemBodyScreen(customID: item.customID, outcome: item.outcome)
        body.wrap = wrap
        return [.show(.itemBody(self, body)), .read(.loadItemBody(batchID: batchID, customID: item.customID, span: item.span))]
    }

    /// `n`/`N` in an item's body: the selection moves `delta` rows (in the order and filters shown)
    /// and that item's body opens with the same wrap; at either end it stays and says so.
    mutating func openNeighbour(by delta: Int, from body: ItemBodyScreen, in app: DashboardState) -> [ScreenEffect] {
        guard let index, let rows = app.results.items[batchID], let selected = scroll.selected else { return [] }
        let next = selected + delta
        guard next >= 0, next < index.shown.count else {
            return [.say(delta > 0 ? "this is the last item shown" : "this is the first item shown")]
        }
        scroll.select(next, in: extent(app.layout))
        return openBody(rows[index.shown[next]], wrap: body.wrap)
    }

    /// A typed key for `/`: true when it was text.
    mutating func type(_ key: Key, in app: DashboardState) -> Bool {
        guard search.type(key) else { return false }
        rebuild(app.results.items[batchID], app.layout)
        return true
    }

    /// A click: on a row it selects it; on a column heading that sorts (CUSTOM ID, STATUS, TOKENS)
    /// it sorts by that column, or turns the order around when it already is.
    mutating func click(row: Int, column: Int, in app: DashboardState) -> [ScreenEffect] {
        let layout = app.layout
        if row == layout.body.row + 2 {
            guard index != nil, let key = sortKey(atColumn: column, layout) else { return [] }
            if key == sort {
                sortReversed.toggle()
            } else {
                sort = key
                sortReversed = false
            }
            rebuild(app.results.items[batchID], layout)
            return [sortMessage]
        }
        let extent = extent(layout)
        let offset = row - layout.itemsFirstRow
        let first = scroll.visible(in: extent).lowerBound
        guard offset >= 0, offset < layout.itemRows, first + offset < extent.count else { return [] }
        scroll.select(first + offset, in: extent)
        return []
    }

    /// The order a heading stands for at `column` (as `drawItems` lays them out), or nil.
    func sortKey(atColumn column: Int, _ layout: Layout) -> ItemSortKey? {
        let id = 1..<1 + customIDWidth(layout)
        let status = id.upperBound + 1..<id.upperBound + 12
        let tokens = status.upperBound + 6..<status.upperBound + 13
        if id.contains(column) { return .customID }
        if status.contains(column) { return .status }
        if tokens.contains(column) { return .tokens }
        return nil
    }

    /// "items sorted by tokens, most first": what `s`, `S` and a heading click leave on the message line.
    var sortMessage: ScreenEffect {
        .say("items sorted by \(sort.rawValue), \(sort.direction(reversed: sortReversed))")
    }

    /// Recomputes the rows from the results and the query, keeping the selection on the same item
    /// when it is still shown.
    mutating func rebuild(_ rows: [ItemSummary]?, _ layout: Layout) {
        let previous = index.flatMap { index in scroll.selected.map { index.shown[$0] } }
        index = rows.map { ItemsIndex(items: $0, query: query) }
        let extent = extent(layout)
        scroll.settle(count: extent.count)
        if let previous, let at = index?.shown.firstIndex(of: previous) {
            scroll.select(at, in: extent)
        } else if previous != nil {
            scroll.reset(count: extent.count)
        }
    }

    /// The items shown, one JSON object a line, to `meshtop-<batch>-items.jsonl`, or named after the
    /// filters (`-failed`, `-failed-upstream_error`: `ItemsQuery.exportSuffix`). The runtime never
    /// replaces a file: a name in use gets `-2`, `-3`... and the message names the file written.
    func export(_ rows: [ItemSummary]?) -> [ScreenEffect] {
        guard let index, let rows else { return [] }
        // The objects as the server sent them, read back from the spool by the runtime.
        let spans = index.shown.map { rows[$0].span }
        let fileName = "meshtop-\(ItemsQuery.fileNamePart(batchID))-\(query.exportSuffix).jsonl"
        return [.say("writing \(spans.count) items to \(fileName)…"), .read(.export(fileName: fileName, spans: spans))]
    }

    /// Why `e` cannot export now, or nil.
    var exportRefusal: String? {
        guard let index else { return "nothing to export yet: Mesh returns item results when the batch ends" }
        return index.shown.isEmpty ? "no items shown to export" : nil
    }

    /// The `x` label: which code the next press picks.
    var nextErrorCodeLabel: String {
        guard let groups = index?.groups, !groups.isEmpty else { return "error code" }
        guard let current = errorCode, let at = groups.firstIndex(where: { $0.code == current }) else {
            return "only \(groups[0].code)"
        }
        return at + 1 < groups.count ? "only \(groups[at + 1].code)" : "every code"
    }
}
