import Foundation
import MeshAPI

/// Keys, through the key table, into state changes and effects.
extension DashboardState {
    var keyContext: KeyContext {
        if overlay == .help { return .help }
        switch mode {
        case .list: return .list
        case .items: return .items
        case .itemBody: return .itemBody
        }
    }

    mutating func handleKey(_ key: Key) -> [Effect] {
        // Ctrl-C is the terminal's own way out, always.
        if key == .control("c") { return [.quit] }
        if filterEditing { return handleFilterKey(key) }
        if case .confirmCancel(let id, let yesFocused) = overlay { return handleDialogKey(key, id: id, yesFocused: yesFocused) }
        switch key {
        case .click(let row, _): handleClick(row: row); return []
        case .wheelUp: return perform(.moveUp, times: 3)
        case .wheelDown: return perform(.moveDown, times: 3)
        default: break
        }
        guard let binding = KeyTable.binding(for: key, in: keyContext, readonly: options.readonly) else { return [] }
        return perform(binding.command)
    }

    mutating func perform(_ command: Command, times: Int) -> [Effect] {
        var effects: [Effect] = []
        for _ in 0..<times { effects += perform(command) }
        return effects
    }

    mutating func perform(_ command: Command) -> [Effect] {
        switch command {
        case .moveUp: move(by: -1)
        case .moveDown: move(by: 1)
        case .pageUp: move(by: -pageSize)
        case .pageDown: move(by: pageSize)
        case .top: move(by: Int.min / 2)
        case .bottom: move(by: Int.max / 2)
        case .open: return open()
        case .back: back()
        case .toggleFocus: focus = focus == .list ? .detail : .list
        case .startFilter: filterEditing = true
        case .cycleSort:
            sort = sort.next
            refreshOrder()
            message = StatusMessage("sort: \(sort.rawValue)", at: now)
        case .cycleStatusFilter:
            statusFilter = statusFilter.next
            refreshOrder()
            message = StatusMessage("showing: \(statusFilter.rawValue)", at: now)
        case .toggleFailedOnly:
            itemsFailedOnly.toggle()
            rebuildItems()
        case .export: return export()
        case .cancelBatch: askToCancel()
        case .refresh:
            if poll.roundActive {
                // A round that is overdue may never end (a server that trickles its answer): give it up.
                if roundOverdue { return abandonRound() }
                poll.refreshQueued = true
                return []
            }
            return [.cancelPoll] + startRound()
        case .togglePause:
            poll.paused.toggle()
            if poll.paused {
                poll.nextPollAt = nil
                message = StatusMessage("paused: p resumes", at: now)
                return [.cancelPoll]
            }
            message = StatusMessage("resumed", at: now)
            return startRound()
        case .fasterPolling: return changeInterval(faster: true)
        case .slowerPolling: return changeInterval(faster: false)
        case .nextTheme:
            let themes = options.themes
            guard themes.count > 1 else { return [] }
            let index = themes.firstIndex(of: options.themeName) ?? -1
            return [.setTheme(name: themes[(index + 1) % themes.count])]
        case .nextProfile:
            let profiles = options.profiles
            guard profiles.count > 1 else {
                message = StatusMessage("no other profile in config.toml", at: now)
                return []
            }
            let index = options.profileName.flatMap { profiles.firstIndex(of: $0) } ?? -1
            let next = profiles[(index + 1) % profiles.count]
            message = StatusMessage("switching to profile \(next)…", at: now)
            return [.switchProfile(name: next)]
        case .help: overlay = overlay == .help ? .none : .help
        case .quit: return [.quit]
        }
        return []
    }

    var pageSize: Int {
        let layout = Layout(width: width, height: height)
        switch mode {
        case .list: return max(1, focus == .list ? layout.listRows : layout.detail.height - 1)
        case .items: return max(1, layout.itemRows)
        case .itemBody: return max(1, layout.body.height - 1)
        }
    }

    mutating func move(by delta: Int) {
        switch mode {
        case .list:
            if focus == .detail {
                detailScroll = max(0, detailScroll.addingClamped(delta))
            } else if let index = selectedIndex {
                select(index: index.addingClamped(delta))
            } else {
                select(index: 0)
            }
        case .items:
            let count = items?.shown.count ?? 0
            guard count > 0 else { return }
            itemSelection = min(max(0, itemSelection.addingClamped(delta)), count - 1)
            keepItemSelectionVisible()
        case .itemBody:
            bodyScroll = max(0, bodyScroll.addingClamped(delta))
        }
    }

    mutating func handleClick(row: Int) {
        let layout = Layout(width: width, height: height)
        switch mode {
        case .list:
            let offset = row - layout.listFirstRow
            guard offset >= 0, offset < layout.listRows, listScroll + offset < order.count else { return }
            focus = .list
            select(index: listScroll + offset)
        case .items:
            let offset = row - layout.itemsFirstRow
            guard offset >= 0, offset < layout.itemRows, itemScroll + offset < (items?.shown.count ?? 0) else { return }
            itemSelection = itemScroll + offset
        case .itemBody:
            return
        }
    }

    mutating func handleFilterKey(_ key: Key) -> [Effect] {
        switch key {
        case .character(let character): filterText.append(character)
        case .backspace, .delete: if !filterText.isEmpty { filterText.removeLast() }
        case .enter: filterEditing = false
        case .escape:
            filterEditing = false
            filterText = ""
        default: return []
        }
        refreshOrder()
        return []
    }

    mutating func handleDialogKey(_ key: Key, id: String, yesFocused: Bool) -> [Effect] {
        switch key {
        case .left, .right, .tab, .backTab, .character("h"), .character("l"):
            overlay = .confirmCancel(batchID: id, yesFocused: !yesFocused)
        case .character("y"), .character("Y"):
            return confirmCancel(id)
        case .enter:
            if yesFocused { return confirmCancel(id) }
            overlay = .none
        case .escape, .character("n"), .character("N"), .character("q"):
            overlay = .none
        default: break
        }
        return []
    }

    mutating func askToCancel() {
        let id: String?
        switch mode {
        case .list: id = selectedID
        case .items(let batchID), .itemBody(let batchID, _): id = batchID
        }
        guard let id, let batch = batches[id] else { return }
        let status = shownStatus(batch)
        if status.isTerminal {
            message = StatusMessage("\(id) is \(status.rawValue): nothing to cancel", at: now)
        } else if status == .cancelling {
            message = StatusMessage("\(id) is already cancelling", at: now)
        } else {
            overlay = .confirmCancel(batchID: id, yesFocused: false)
        }
    }

    mutating func confirmCancel(_ id: String) -> [Effect] {
        overlay = .none
        cancelRequested.insert(id)
        message = StatusMessage("cancelling \(id)…", at: now)
        return [.cancelBatch(id: id)]
    }

    mutating func open() -> [Effect] {
        switch mode {
        case .list:
            guard let batch = selectedBatch else { return [] }
            mode = .items(batchID: batch.id)
            itemSelection = 0
            itemScroll = 0
            touchResults(batch.id)
            rebuildItems()
            let terminal = batch.status?.isTerminal ?? false
            if terminal, results[batch.id] == nil, !poll.fetching.contains(batch.id) {
                return fetch([batch.id])
            }
            return []
        case .items(let batchID):
            guard let items, itemSelection < items.shown.count, let rows = results[batchID] else { return [] }
            let item = rows[items.shown[itemSelection]]
            mode = .itemBody(batchID: batchID, customID: item.customID)
            itemBody = ItemBody(batchID: batchID, customID: item.customID, outcome: item.outcome)
            bodyScroll = 0
            return [.loadItemBody(batchID: batchID, customID: item.customID, span: item.span)]
        case .itemBody:
            return []
        }
    }

    mutating func back() {
        switch mode {
        case .itemBody(let batchID, _):
            if overlay == .help { overlay = .none; return }
            mode = .items(batchID: batchID)
            itemBody = nil
        case .items:
            if overlay == .help { overlay = .none; return }
            mode = .list
            items = nil
        case .list:
            if overlay == .help {
                overlay = .none
            } else if !filterText.isEmpty {
                filterText = ""
                refreshOrder()
            } else if focus == .detail {
                focus = .list
            }
        }
    }

    mutating func rebuildItems() {
        guard let id = itemsBatchID, batches[id] != nil else {
            items = nil
            return
        }
        items = ItemsIndex(batchID: id, items: results[id], failedOnly: itemsFailedOnly)
        itemSelection = min(itemSelection, max(0, (items?.shown.count ?? 0) - 1))
        keepItemSelectionVisible()
    }

    mutating func keepItemSelectionVisible() {
        let rows = max(1, Layout(width: width, height: height).itemRows)
        if itemSelection < itemScroll { itemScroll = itemSelection }
        if itemSelection >= itemScroll + rows { itemScroll = itemSelection - rows + 1 }
        itemScroll = max(0, min(itemScroll, (items?.shown.count ?? 0) - rows))
    }

    /// The items shown, one JSON object a line, to `meshtop-<batch>-items.jsonl` (or `-failed`).
    mutating func export() -> [Effect] {
        guard let id = itemsBatchID, let items, let rows = results[id], !items.shown.isEmpty else {
            message = StatusMessage("nothing to export yet: Mesh returns item results when the batch ends", at: now)
            return []
        }
        // The objects as the server sent them, read back from the spool by the runtime.
        let spans = items.shown.map { rows[$0].span }
        let fileName = "meshtop-\(id)-\(items.failedOnly ? "failed" : "items").jsonl"
        message = StatusMessage("writing \(spans.count) items to \(fileName)…", at: now)
        return [.exportItems(fileName: fileName, spans: spans)]
    }
}
