/// How the list screen shares its room with the detail pane: `d` hides and shows the pane (the list
/// then has the whole body: 18 rows at 80x24 instead of 9), `z` zooms it to the whole body and back,
/// as tmux's prefix-z zooms a pane. Remembered between runs (`DashboardSettings`).
public enum DetailPaneMode: String, Hashable, Sendable, CaseIterable, Codable {
    case shown, hidden, zoomed
}
