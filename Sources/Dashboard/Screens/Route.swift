/// Which screen is showing; each case carries that screen's own state, so nothing about a screen
/// outlives it or is stored twice. The list screen's state (`DashboardState.list`) is kept across
/// routes: Esc comes back to the same row. A new screen is one folder under `Screens/` and one
/// case here (and one in each switch of `DashboardState+Route.swift`, where the compiler asks).
public enum Route: Hashable, Sendable {
    case list
    case items(ItemsScreen)
    /// One item's body, over the items screen it came from (Esc goes back to it as it was).
    case itemBody(ItemsScreen, ItemBodyScreen)
    case team(TeamScreen)
    case jobs(JobsScreen)
    case events(EventLogScreen)
}
