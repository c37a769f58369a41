/// Which screen is showing; each case carries that screen's own state, so nothing about a screen
/// outlives it or is stored twice. The list screen's state (`DashboardState.list`) is kept across
/// routes: Esc comes back to the same row.
public enum Route: Hashable, Sendable {
    case list
    case items(ItemsScreen)
    case itemBody(ItemsScreen, ItemBodyScreen)
    case team(TeamScreen)
}
