import Foundation
import MeshAPI

/// The list screen's commands: moving, the detail pane, sorting and filtering.
extension ListScreen: DashboardScreen {
    /// Rows of the list and a page of them.
    func extent(_ layout: Layout) -> ScrollExtent {
        ScrollExtent(count: order.count, page: layout.listRows)
    }

    /// Lines of the selected batch's detail pane at this size: built when a key scrolls the pane
    /// (and when it is drawn), never after every action.
    static func detailExtent(_ app: DashboardState) -> ScrollExtent {
        let layout = app.layout
        let count = app.selectedBatch.map { DetailContent(state: app, batch: $0, width: layout.detailTextWidth).lines.count } ?? 0
        return ScrollExtent(count: count, page: layout.detailRows)
    }

    mutating func perform(_ command: Command, in app: DashboardState) -> [ScreenEffect] {
        let layout = app.layout
        switch command {
        case .moveUp: move(by: -1, in: app)
        case .moveDown: move(by: 1, in: app)
        case .pageUp: move(by: -(focus == .list ? max(1, layout.listRows) : max(1, layout.detailRows)), in: app)
        case .pageDown: move(by: focus == .list ? max(1, layout.listRows) : max(1, layout.detailRows), in: app)
        case .top: move(by: Int.min / 2, in: app)
        case .bottom: move(by: Int.max / 2, in: app)
        case .open:
            guard let id = selectedID, app.mirror.batches[id] != nil else { return [] }
            return [.show(.items(ItemsScreen(batchID: id))), .openedBatch(id)]
        case .back:
            if !filter.text.isEmpty {
                filter.text = ""
                refreshOrder(app.mirror, layout)
            } else if focus == .detail {
                focus = .list
            }
        case .toggleFocus:
            // Zoomed, the list is not on screen: leaving the pane is unzooming it.
            if detailPane == .zoomed {
                detailPane = .shown
                focus = .list
            } else {
                focus = focus == .list ? .detail : .list
            }
        case .toggleDetailPane:
            detailPane = detailPane == .hidden ? .shown : .hidden
            focus = .list
            return [.say(detailPane == .hidden ? "detail pane hidden: d shows it" : "detail pane shown")]
        case .zoomDetailPane:
            detailPane = detailPane == .zoomed ? .shown : .zoomed
            focus = detailPane == .zoomed ? .detail : .list
            return [.say(detailPane == .zoomed ? "detail pane zoomed: z or Esc back to the list" : "detail pane beside the list")]
        case .startFilter:
            filter.editing = true
        case .startJump:
            jump = TextQuery(editing: true)
        case .copy:
            guard let id = selectedID else { return [] }
            return [.copy(id, what: "batch id")]
        case .cycleSort:
            sort = sort.next
            refreshOrder(app.mirror, layout)
            return [.say("sorted by \(sort.rawValue)")]
        case .reverseSort:
            sortReversed.toggle()
            refreshOrder(app.mirror, layout)
        case .cycleStatusFilter:
            statusFilter = statusFilter.next
            refreshOrder(app.mirror, layout)
            return [.say("showing: \(statusFilter.rawValue)")]
        case .textApply where jump.editing:
            let typed = jump.text
            jump = TextQuery()
            return select(typed: typed, in: app)
        case .textApply:
            filter.editing = false
        case .textClear where jump.editing:
            jump = TextQuery()
        case .textClear:
            filter = TextQuery()
            refreshOrder(app.mirror, layout)
        case .textEraseAll where jump.editing, .textEraseWord where jump.editing:
            _ = jump.erase(command)
        case .textEraseAll, .textEraseWord:
            if filter.erase(command) { refreshOrder(app.mirror, layout) }
        default:
            break
        }
        return []
    }

    /// A typed key for `/` or `:`: true when it was text.
    mutating func type(_ key: Key, in app: DashboardState) -> Bool {
        if jump.editing { return jump.type(key) }
        guard filter.type(key) else { return false }
        refreshOrder(app.mirror, app.layout)
        return true
    }

    /// A click on a row selects it; on a heading that sorts (STATUS, MODEL, PROGRESS, AGE, ETA) it
    /// sorts by that column, or turns the order around when it already is.
    mutating func click(row: Int, column: Int, in app: DashboardState) -> [ScreenEffect] {
        let layout = app.layout
        if row == layout.list.row {
            guard let key = Self.sortKey(atColumn: column - layout.list.column, paneWidth: layout.list.width) else { return [] }
            if key == sort {
                sortReversed.toggle()
            } else {
                sort = key
                sortReversed = false
            }
            refreshOrder(app.mirror, layout)
            return [.say("sorted by \(sort.rawValue)\(sortReversed ? ", reversed" : "")")]
        }
        let visible = scroll.visible(in: extent(layout))
        let offset = row - layout.listFirstRow
        guard offset >= 0, offset < layout.listRows, visible.lowerBound + offset < order.count else { return [] }
        focus = .list
        select(index: visible.lowerBound + offset, layout)
        return []
    }

    /// The order the heading at `column` of the pane stands for, as `drawList` lays them out.
    static func sortKey(atColumn column: Int, paneWidth: Int) -> SortKey? {
        let columns = ListColumns(width: paneWidth)
        var x = 1
        var spans: [(Range<Int>, SortKey?)] = []
        func span(_ width: Int, _ key: SortKey?) {
            guard width > 0 else { return }
            spans.append((x..<x + width, key))
            x += width + 1
        }
        span(ListColumns.status, .status)
        span(columns.id, nil)
        span(columns.model, .model)
        span(ListColumns.progress, .progress)
        span(ListColumns.age, .created)
        span(ListColumns.eta, .eta)
        return spans.first { $0.0.contains(column) }?.1 ?? nil
    }

    mutating func move(by delta: Int, in app: DashboardState) {
        if focus == .detail {
            detailScroll.move(by: delta, in: Self.detailExtent(app))
        } else if let selected = scroll.selected {
            select(index: selected.addingClamped(delta), app.layout)
        }
    }

    /// Recomputes the shown ids and puts the selection back on its batch (or, when the batch left
    /// the view, on the row where it was).
    mutating func refreshOrder(_ mirror: BatchMirror, _ layout: Layout) {
        orderDirty = false
        let ordered = BatchOrdering.rows(batches: mirror.batches, sort: sort, reversed: sortReversed,
                                         statusFilter: statusFilter, filterText: filter.text, progress: mirror.progress)
        order = ordered.ids
        orderCreatedAt = OrderCreationTimes(values: ordered.createdAt)
        scroll.settle(count: order.count)
        if let id = selectedID, let index = order.firstIndex(of: id) {
            scroll.select(index, in: extent(layout))
        } else if let index = scroll.selected {
            selectedID = order[index]
            detailScroll.reset(count: 0)
        } else {
            selectedID = nil
        }
    }

    /// `:`'s Enter: selects the one batch `typed` names, clearing the filters when they hide it;
    /// says so when none or several match.
    mutating func select(typed: String, in app: DashboardState) -> [ScreenEffect] {
        let words = typed.trimmingCharacters(in: .whitespaces)
        if words.isEmpty { return [] }
        let found = BatchIDLookup.find(words, in: app.mirror.batches.keys)
        guard let id = found.first else {
            return [.say("no batch \(words) among the \(Formatting.count(app.mirror.batches.count)) listed", isError: true)]
        }
        if found.count > 1 {
            return [.say("\(found.count) batches end in \(words): type more of the id", isError: true)]
        }
        var said = "selected \(id)"
        if !order.contains(id) {
            statusFilter = .all
            filter = TextQuery()
            said += " (filters cleared to show it)"
        }
        // The selection follows the id; `refreshOrder` puts it on its row.
        selectedID = id
        detailScroll.reset(count: 0)
        refreshOrder(app.mirror, app.layout)
        return [.say(said)]
    }

    mutating func refreshOrderIfNeeded(_ mirror: BatchMirror, _ layout: Layout) {
        if orderDirty { refreshOrder(mirror, layout) }
    }

    mutating func select(index: Int, _ layout: Layout) {
        guard !order.isEmpty else { return }
        let before = scroll.selected
        scroll.select(index, in: extent(layout))
        if scroll.selected != before { detailScroll.reset(count: 0) }
        selectedID = scroll.selected.map { order[$0] }
    }
}
