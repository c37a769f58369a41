/// Reading and changing the state of the screen on top, whichever route holds it.
extension DashboardState {
    /// The items screen, on the items route or under an open item body.
    public var itemsScreen: ItemsScreen? {
        switch route {
        case .items(let screen), .itemBody(let screen, _): return screen
        case .list, .team: return nil
        }
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
        case .list, .team: break
        }
    }

    mutating func updateBody(_ change: (inout ItemBodyScreen) -> Void) {
        guard case .itemBody(let screen, var body) = route else { return }
        change(&body)
        route = .itemBody(screen, body)
    }

    /// Who has the keys now.
    public var keyContext: KeyContext {
        if list.filterEditing || (itemsScreen?.searchEditing ?? false) && itemBodyScreen == nil { return .textEntry }
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
        }
    }

    /// Why Enter on the team overview cannot switch, or nil.
    public var teamSelectionRefusal: String? {
        guard case .team(let team) = route, let at = team.scroll.selected else { return "no profile selected" }
        return team.rows[at].profile == options.profileName ? "this is the profile in use" : nil
    }

    /// Why `c` cannot cancel now, or nil.
    public var cancelRefusal: String? {
        guard let id = focusedBatchID, let batch = mirror.batches[id] else { return "no batch selected" }
        let status = mirror.shownStatus(batch)
        if status.isTerminal { return "\(id) is \(status.rawValue): nothing to cancel" }
        if status == .cancelling { return "\(id) is already cancelling" }
        return nil
    }

    /// Why `e` cannot export now, or nil.
    public var exportRefusal: String? {
        guard let screen = itemsScreen else { return "open a batch's items first" }
        guard let index = screen.index else { return "nothing to export yet: Mesh returns item results when the batch ends" }
        return index.shown.isEmpty ? "no items shown to export" : nil
    }

    /// The `x` label: which code the next press picks.
    public var nextErrorCodeLabel: String {
        guard let screen = itemsScreen, let groups = screen.index?.groups, !groups.isEmpty else { return "error code" }
        guard let current = screen.errorCode, let at = groups.firstIndex(where: { $0.code == current }) else {
            return "only \(groups[0].code)"
        }
        return at + 1 < groups.count ? "only \(groups[at + 1].code)" : "every code"
    }
}
