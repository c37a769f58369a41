@testable import Dashboard

extension Fixtures {
    /// The effect that remembers the fixtures' settings as `change` leaves them: what `reduce`
    /// asks for when a key or an answer changes the theme, sort, filter, pace or detail pane.
    static func remembered(_ change: (inout DashboardSettings) -> Void = { _ in }) -> Effect {
        var settings = DashboardSettings(theme: "default", sort: .created, sortReversed: false, statusFilter: .all,
                                         pollInterval: 2, detailPane: .shown)
        change(&settings)
        return .terminal(.saveSettings(settings))
    }
}
