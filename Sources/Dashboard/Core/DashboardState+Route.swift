/// The root only routes: a command goes to the overlay or the screen on top, which changes its own
/// state and says what it needs beyond it (`ScreenEffect`); the root does that. Reading and
/// changing the screen on top, whichever route holds it, is here too.
extension DashboardState {
    var layout: Layout { Layout(width: width, height: height, detailPane: list.detailPane) }

    /// Routes `command` to whoever has the keys (TCA's `ifCaseLet`, without the library).
    mutating func route(_ command: Command) -> [Effect] {
        let app = self
        let asked: [ScreenEffect]
        switch overlay {
        case .help(var help):
            asked = help.perform(command, in: app)
            overlay = .help(help)
        case .confirmCancel(var dialog):
            asked = dialog.perform(command, in: app)
            overlay = .confirmCancel(dialog)
        case .none:
            switch route {
            case .list:
                asked = list.perform(command, in: app)
            case .items(var items):
                asked = items.perform(command, in: app)
                route = .items(items)
            case .itemBody(let items, var body):
                asked = body.perform(command, in: app)
                route = .itemBody(items, body)
            case .team(var team):
                asked = team.perform(command, in: app)
                route = .team(team)
            case .jobs(var jobs):
                asked = jobs.perform(command, in: app)
                route = .jobs(jobs)
            case .events(var events):
                asked = events.perform(command, in: app)
                route = .events(events)
            }
        }
        return asked.flatMap { self.fulfil($0) }
    }

    /// A typed key for the text entry that has the keys: true when it was text.
    mutating func routeTyping(_ key: Key) -> Bool {
        let app = self
        switch route {
        case .list:
            return list.type(key, in: app)
        case .items(var items):
            let typed = items.type(key, in: app)
            route = .items(items)
            return typed
        case .itemBody, .team, .jobs, .events:
            return false
        }
    }

    /// A click goes to the screen under it (never through an overlay): a row selects, a column
    /// heading sorts.
    mutating func routeClick(row: Int, column: Int) -> [Effect] {
        guard case .none = overlay else { return [] }
        let app = self
        let asked: [ScreenEffect]
        switch route {
        case .list:
            asked = list.click(row: row, column: column, in: app)
        case .items(var items):
            asked = items.click(row: row, column: column, in: app)
            route = .items(items)
        case .itemBody, .team, .jobs, .events:
            asked = []
        }
        return asked.flatMap { fulfil($0) }
    }

    /// Does what a screen asked for beyond itself.
    mutating func fulfil(_ asked: ScreenEffect) -> [Effect] {
        switch asked {
        case .run(let effect):
            return [effect]
        case .say(let text, let isError):
            message = StatusMessage(text, isError: isError, at: now)
        case .show(let next):
            route = next
        case .back:
            switch route {
            case .itemBody(let items, _): route = .items(items)
            case .items(let items): route = items.returnsTo.map(Route.jobs) ?? .list
            case .team, .jobs, .events: route = .list
            case .list: break
            }
        case .read(let work):
            results.beginRead()
            return [.spool(work)]
        case .openedBatch(let id):
            results.touch(id)
            rebuildItems()
            if let batch = mirror.batches[id], batch.status?.isTerminal ?? false, results.items[id] == nil,
               results.unavailable[id] == nil, !poll.fetches.underWay.contains(id) {
                return fetch([id])
            }
        case .closeOverlay:
            overlay = .none
        case .copy(let text, let what):
            let copy = ClipboardCopy(text)
            message = StatusMessage(Self.copiedToast(copy, what: what), at: now)
            return [.terminal(.copy(copy))]
        case .cancelBatch(let id):
            mirror.cancelRequested.insert(id)
            message = StatusMessage("cancelling \(id)…", at: now)
            return [.api(.cancel(id: id), poll.epoch)]
        case .stepItem(let delta):
            guard case .itemBody(var items, let body) = route else { return [] }
            let asked = items.openNeighbour(by: delta, from: body, in: self)
            route = .itemBody(items, body)
            return asked.flatMap { fulfil($0) }
        }
        return []
    }

    /// "copied batch id batch_01J…", short text whole; a long one by its size, and whether it was cut.
    static func copiedToast(_ copy: ClipboardCopy, what: String) -> String {
        let text = copy.text
        let shown = text.count <= 40 && !text.contains("\n") ? " " + text : " (\(Formatting.count(text.count)) characters)"
        guard let whole = copy.cutFrom else { return "copied \(what)\(shown) (OSC 52)" }
        return "copied \(what): cut to its first \(Formatting.count(text.utf8.count)) bytes of \(Formatting.count(whole)) (OSC 52)"
    }

    /// The items screen, on the items route or under an open item body.
    public var itemsScreen: ItemsScreen? {
        switch route {
        case .items(let screen), .itemBody(let screen, _): return screen
        case .list, .team, .jobs, .events: return nil
        }
    }

    /// The Jobs screen, when it is on top.
    public var jobsScreen: JobsScreen? {
        if case .jobs(let screen) = route { return screen }
        return nil
    }

    /// Changes the Jobs screen in place (a no-op on other routes).
    mutating func updateJobs(_ change: (inout JobsScreen) -> Void) {
        guard case .jobs(var screen) = route else { return }
        change(&screen)
        route = .jobs(screen)
    }

    public var itemBodyScreen: ItemBodyScreen? {
        if case .itemBody(_, let body) = route { return body }
        return nil
    }

    /// Changes the items screen in place (a no-op on other routes).
    mutating func updateItems(_ change: (inout ItemsScreen) -> Void) {
        switch route {
        case .items(var screen):
            change(&screen)
            route = .items(screen)
        case .itemBody(var screen, let body):
            change(&screen)
            route = .itemBody(screen, body)
        case .list, .team, .jobs, .events: break
        }
    }

    mutating func updateBody(_ change: (inout ItemBodyScreen) -> Void) {
        guard case .itemBody(let screen, var body) = route else { return }
        change(&body)
        route = .itemBody(screen, body)
    }

    /// The screen's text entry is taking keys.
    var typing: TextQuery? {
        switch route {
        case .list: return list.jump.editing ? list.jump : list.filter.editing ? list.filter : nil
        case .items(let items): return items.search.editing ? items.search : nil
        case .itemBody, .team, .jobs, .events: return nil
        }
    }

    /// Who has the keys now.
    public var keyContext: KeyContext {
        if typing != nil { return .textEntry }
        switch overlay {
        case .help: return .help
        case .confirmCancel: return .dialog
        case .none: break
        }
        return screenContext
    }

    /// The screen under any overlay, for the help's first section.
    public var screenContext: KeyContext {
        switch route {
        case .list: return list.focus == .detail ? .detail : .list
        case .items: return .items
        case .itemBody: return .itemBody
        case .team: return .team
        case .jobs: return .jobs
        case .events: return .events
        }
    }

    /// Why Enter on the team overview cannot switch, or nil.
    public var teamSelectionRefusal: String? {
        guard case .team(let team) = route else { return "no profile selected" }
        return team.selectionRefusal(profileInUse: options.profileName)
    }

    /// Why `c` cannot cancel now, or nil.
    public var cancelRefusal: String? {
        guard let id = focusedBatchID, let batch = mirror.batches[id] else { return "no batch selected" }
        let status = mirror.shownStatus(batch)
        if status.isTerminal { return "\(id) is \(status.rawValue): nothing to cancel" }
        if status == .cancelling { return "\(id) is already cancelling" }
        return nil
    }

    /// Recomputes the items screen's rows from the results (when results arrive or it opens).
    mutating func rebuildItems() {
        guard let screen = itemsScreen else { return }
        guard mirror.batches[screen.batchID] != nil else {
            route = .list
            return
        }
        let rows = results.items[screen.batchID]
        let layout = self.layout
        updateItems { $0.rebuild(rows, layout) }
    }
}
