import Foundation
import MeshAPI

/// Keys, through the keymap, into state changes and effects.
extension DashboardState {
    mutating func handleKey(_ key: Key) -> [Effect] {
        // Ctrl-C is the terminal's own way out, always.
        if key == .control("c") { return [.terminal(.quit)] }
        let context = keyContext
        if context == .textEntry, let effects = typeText(key) { return effects }
        if context != .dialog, context != .textEntry {
            switch key {
            // The help box covers the screen: a click there must not move the list under it.
            case .click(let row, _): if context != .help { handleClick(row: row) }; return []
            case .wheelUp: return perform(.moveUp, times: 3)
            case .wheelDown: return perform(.moveDown, times: 3)
            default: break
            }
        }
        guard let (binding, refusal) = Keymap.lookup(key, in: context, state: self) else { return [] }
        if let refusal {
            // Backing out of where one already is says nothing; anything else says why not.
            if binding.command != .back { message = StatusMessage(refusal, at: now) }
            return []
        }
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
        case .toggleFocus:
            list.focus = list.focus == .list ? .detail : .list
        case .startFilter:
            if itemsScreen != nil { updateItems { $0.searchEditing = true } } else { list.filterEditing = true }
        case .cycleSort:
            if itemsScreen != nil {
                updateItems { $0.sort = $0.sort.next }
                rebuildItems()
                message = StatusMessage("items sorted by \(itemsScreen?.sort.rawValue ?? "")", at: now)
            } else {
                list.sort = list.sort.next
                refreshOrder()
                message = StatusMessage("sorted by \(list.sort.rawValue)", at: now)
            }
        case .reverseSort:
            if itemsScreen != nil {
                updateItems { $0.sortReversed.toggle() }
                rebuildItems()
            } else {
                list.sortReversed.toggle()
                refreshOrder()
            }
        case .cycleStatusFilter:
            list.statusFilter = list.statusFilter.next
            refreshOrder()
            message = StatusMessage("showing: \(list.statusFilter.rawValue)", at: now)
        case .cycleOutcomeFilter:
            updateItems { $0.outcome = $0.outcome.next }
            rebuildItems()
        case .cycleErrorCode:
            let groups = itemsScreen?.index?.groups ?? []
            updateItems { screen in
                if let current = screen.errorCode, let at = groups.firstIndex(where: { $0.code == current }) {
                    screen.errorCode = at + 1 < groups.count ? groups[at + 1].code : nil
                } else {
                    screen.errorCode = groups.first?.code
                }
                // A code belongs to failed and unrun items: an outcome filter that hides them goes.
                if screen.errorCode != nil, screen.outcome == .succeeded { screen.outcome = .all }
            }
            rebuildItems()
        case .toggleWrap:
            updateBody { $0.wrap.toggle(); $0.column = 0 }
        case .scrollLeft:
            let step = max(8, width / 4)
            updateBody { $0.column = max(0, $0.column - step) }
        case .scrollRight:
            let step = max(8, width / 4)
            let widest = itemBodyScreen.map { ItemBodyText.widest($0) } ?? 0
            let limit = max(0, widest - (width - 2))
            updateBody { $0.column = min(limit, $0.column + step) }
        case .export: return export()
        case .cancelBatch: askToCancel()
        case .refresh:
            if poll.roundActive {
                // A round that is overdue may never end (a server that trickles its answer): give it up.
                if roundOverdue { return abandonRound() }
                poll.refreshQueued = true
                return []
            }
            return [.timer(.cancelPoll)] + startRound()
        case .togglePause:
            poll.paused.toggle()
            if poll.paused {
                poll.nextPollAt = nil
                message = StatusMessage("paused: p resumes", at: now)
                return [.timer(.cancelPoll)]
            }
            message = StatusMessage("resumed", at: now)
            return startRound()
        case .fasterPolling: return changeInterval(faster: true)
        case .slowerPolling: return changeInterval(faster: false)
        case .nextTheme:
            let themes = options.themes
            guard themes.count > 1 else { return [] }
            let index = themes.firstIndex(of: options.themeName) ?? -1
            return [.terminal(.setTheme(name: themes[(index + 1) % themes.count]))]
        case .nextProfile:
            let profiles = options.profiles
            let index = options.profileName.flatMap { profiles.firstIndex(of: $0) } ?? -1
            let next = profiles[(index + 1) % profiles.count]
            message = StatusMessage("switching to profile \(next)…", at: now)
            return [.terminal(.switchProfile(name: next))]
        case .teamOverview:
            if case .team = route {
                route = .list
                return []
            }
            var team = TeamScreen(profiles: options.profiles)
            team.scroll.setExtent(count: team.rows.count, page: max(1, layout.body.height - 2))
            if let current = options.profileName, let at = options.profiles.firstIndex(of: current) { team.scroll.select(at) }
            route = .team(team)
            return askTeam()
        case .help:
            if case .help = overlay {
                overlay = .none
            } else {
                var scroll = ScrollState.viewport
                scroll.setExtent(count: HelpContent.lines(for: self).count, page: helpPage)
                overlay = .help(scroll)
            }
        case .quit: return [.terminal(.quit)]
        case .dialogSwitch:
            if case .confirmCancel(let id, let yes) = overlay { overlay = .confirmCancel(batchID: id, yesFocused: !yes) }
        case .dialogYes:
            if case .confirmCancel(let id, _) = overlay { return confirmCancel(id) }
        case .dialogConfirm:
            if case .confirmCancel(let id, let yes) = overlay {
                if yes { return confirmCancel(id) }
                overlay = .none
            }
        case .dialogNo:
            overlay = .none
        case .textApply:
            list.filterEditing = false
            updateItems { $0.searchEditing = false }
        case .textEraseAll:
            return replaceEditedText(with: "")
        case .textEraseWord:
            return replaceEditedText(with: Self.erasingLastWord(editedText))
        case .textClear:
            if list.filterEditing {
                list.filterEditing = false
                list.filterText = ""
                refreshOrder()
            } else {
                updateItems { $0.searchEditing = false; $0.search = "" }
                rebuildItems()
            }
        }
        return []
    }

    /// Typed text for `/`: nil when the key is not text (then the text-entry bindings get it).
    mutating func typeText(_ key: Key) -> [Effect]? {
        var text = editedText
        switch key {
        case .character(let character): text.append(character)
        case .backspace, .delete: if !text.isEmpty { text.removeLast() }
        default: return nil
        }
        return replaceEditedText(with: text)
    }

    /// The text of the prompt being edited: the list's filter or the items' search.
    var editedText: String { list.filterEditing ? list.filterText : (itemsScreen?.search ?? "") }

    /// `text` without its last word and the spaces after it, as readline's Ctrl-W leaves it.
    static func erasingLastWord(_ text: String) -> String {
        var kept = Substring(text)
        while kept.last?.isWhitespace == true { kept.removeLast() }
        while let last = kept.last, !last.isWhitespace { kept.removeLast() }
        return String(kept)
    }

    /// Puts `text` in the prompt being edited and applies it at once, as typing does.
    mutating func replaceEditedText(with text: String) -> [Effect] {
        let editingList = list.filterEditing
        if editingList {
            list.filterText = text
            refreshOrder()
        } else {
            updateItems { $0.search = text }
            rebuildItems()
        }
        return []
    }

    /// Rows one page key moves in the pane that has the keys.
    var pageSize: Int {
        if case .help(let scroll) = overlay { return scroll.page }
        switch route {
        case .list: return list.focus == .list ? list.scroll.page : list.detailScroll.page
        case .items(let screen): return screen.scroll.page
        case .itemBody(_, let body): return body.scroll.page
        case .team(let team): return team.scroll.page
        }
    }

    mutating func move(by delta: Int) {
        if case .help(var scroll) = overlay {
            scroll.move(by: delta)
            overlay = .help(scroll)
            return
        }
        switch route {
        case .list:
            if list.focus == .detail {
                list.detailScroll.move(by: delta)
            } else {
                select(index: (list.scroll.selected ?? 0).addingClamped(list.scroll.selected == nil ? 0 : delta))
            }
        case .items:
            updateItems { $0.scroll.move(by: delta) }
        case .itemBody:
            updateBody { $0.scroll.move(by: delta) }
        case .team(var team):
            team.scroll.move(by: delta)
            route = .team(team)
        }
    }

    mutating func handleClick(row: Int) {
        let layout = self.layout
        switch route {
        case .list:
            let offset = row - layout.listFirstRow
            guard offset >= 0, offset < layout.listRows, list.scroll.offset + offset < list.order.count else { return }
            list.focus = .list
            select(index: list.scroll.offset + offset)
        case .items(let screen):
            let offset = row - layout.itemsFirstRow
            guard offset >= 0, offset < itemRows, screen.scroll.offset + offset < screen.scroll.count else { return }
            updateItems { $0.scroll.select($0.scroll.offset + offset) }
        case .itemBody, .team:
            return
        }
    }

    mutating func askToCancel() {
        guard let id = focusedBatchID else { return }
        overlay = .confirmCancel(batchID: id, yesFocused: false)
    }

    mutating func confirmCancel(_ id: String) -> [Effect] {
        overlay = .none
        mirror.cancelRequested.insert(id)
        message = StatusMessage("cancelling \(id)…", at: now)
        return [.api(.cancel(id: id), poll.epoch)]
    }

    mutating func open() -> [Effect] {
        switch route {
        case .list:
            guard let batch = selectedBatch else { return [] }
            route = .items(ItemsScreen(batchID: batch.id))
            results.touch(batch.id)
            rebuildItems()
            let terminal = batch.status?.isTerminal ?? false
            if terminal, results.items[batch.id] == nil, !poll.fetching.contains(batch.id) {
                return fetch([batch.id])
            }
            return []
        case .items(let screen):
            guard let index = screen.index, let selected = screen.scroll.selected, selected < index.shown.count,
                  let rows = results.items[screen.batchID] else { return [] }
            let item = rows[index.shown[selected]]
            route = .itemBody(screen, ItemBodyScreen(customID: item.customID, outcome: item.outcome))
            results.beginRead()
            return [.spool(.loadItemBody(batchID: screen.batchID, customID: item.customID, span: item.span))]
        case .itemBody:
            return []
        case .team(let team):
            guard let at = team.scroll.selected else { return [] }
            let name = team.rows[at].profile
            message = StatusMessage("switching to profile \(name)…", at: now)
            return [.terminal(.switchProfile(name: name))]
        }
    }

    mutating func back() {
        if case .help = overlay {
            overlay = .none
            return
        }
        switch route {
        case .itemBody(let screen, _):
            route = .items(screen)
        case .items, .team:
            route = .list
        case .list:
            if !list.filterText.isEmpty {
                list.filterText = ""
                refreshOrder()
            } else if list.focus == .detail {
                list.focus = .list
            }
        }
    }

    /// Recomputes the items screen's rows from the results and its query, keeping the selection
    /// on the same item when it is still shown.
    mutating func rebuildItems() {
        guard let screen = itemsScreen else { return }
        guard mirror.batches[screen.batchID] != nil else {
            route = .list
            return
        }
        let rows = results.items[screen.batchID]
        let previous = screen.index.flatMap { index in screen.scroll.selected.map { index.shown[$0] } }
        let index = rows.map { ItemsIndex(items: $0, query: screen.query) }
        let page = itemRows
        updateItems { screen in
            screen.index = index
            screen.scroll.setExtent(count: index?.shown.count ?? 0, page: page)
            if let previous, let at = index?.shown.firstIndex(of: previous) { screen.scroll.select(at) }
            else if previous != nil { screen.scroll.reset() }
        }
    }

    /// The items shown, one JSON object a line, to `meshtop-<batch>-items.jsonl`, or named after the
    /// filters (`-failed`, `-failed-upstream_error`: `ItemsQuery.exportSuffix`). The runtime never
    /// replaces a file: a name in use gets `-2`, `-3`... and the message names the file written.
    mutating func export() -> [Effect] {
        guard let screen = itemsScreen, let index = screen.index, let rows = results.items[screen.batchID] else { return [] }
        // The objects as the server sent them, read back from the spool by the runtime.
        let spans = index.shown.map { rows[$0].span }
        let fileName = "meshtop-\(ItemsQuery.fileNamePart(screen.batchID))-\(screen.query.exportSuffix).jsonl"
        message = StatusMessage("writing \(spans.count) items to \(fileName)…", at: now)
        results.beginRead()
        return [.spool(.export(fileName: fileName, spans: spans))]
    }

    /// List pages for the team overview's profiles that are due: never the one in use (its row is
    /// the live mirror), never one already being asked, each at most every `TeamScreen.pollSeconds`.
    mutating func askTeam() -> [Effect] {
        guard case .team(var team) = route else { return [] }
        var effects: [Effect] = []
        for index in team.rows.indices {
            let row = team.rows[index]
            guard row.profile != options.profileName, !row.asking else { continue }
            if let asked = row.askedAt, now.timeIntervalSince(asked) < TeamScreen.pollSeconds { continue }
            team.rows[index].asking = true
            team.rows[index].askedAt = now
            effects.append(.api(.teamPage(profile: row.profile), poll.epoch))
        }
        route = .team(team)
        return effects
    }

    /// A team page answered: the row's slots, or why not.
    mutating func teamAnswered(profile: String, at: Date, _ update: (inout TeamRow) -> Void) {
        guard case .team(var team) = route, let index = team.rows.firstIndex(where: { $0.profile == profile }) else { return }
        team.rows[index].asking = false
        update(&team.rows[index])
        route = .team(team)
    }
}
