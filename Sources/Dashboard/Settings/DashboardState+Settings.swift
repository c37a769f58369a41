/// The remembered settings as they are in the state now, and put back at start.
extension DashboardState {
    /// What `reduce` asks the runtime to save when it changes.
    public var settings: DashboardSettings {
        DashboardSettings(theme: options.themeName, sort: list.sort, sortReversed: list.sortReversed,
                          statusFilter: list.statusFilter, pollInterval: poll.baseInterval, detailPane: list.detailPane)
    }

    /// Puts back what a previous run saved (before the first action). The theme is not here: the
    /// runtime loads it before the terminal starts, so it is already in `options`; `pace` is false
    /// when `--interval` was given, which wins.
    public mutating func remember(_ saved: DashboardSettings, pace: Bool = true) {
        if let sort = saved.sort { list.sort = sort }
        if let reversed = saved.sortReversed { list.sortReversed = reversed }
        if let filter = saved.statusFilter { list.statusFilter = filter }
        if pace, let interval = saved.pollInterval { poll.baseInterval = interval }
        if let pane = saved.detailPane {
            list.detailPane = pane
            list.focus = pane == .zoomed ? .detail : .list
        }
    }
}
