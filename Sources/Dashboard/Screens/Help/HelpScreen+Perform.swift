/// The help box's commands: scrolling and closing.
extension HelpScreen: DashboardScreen {
    static func extent(_ app: DashboardState) -> ScrollExtent {
        let lines = HelpContent.lines(for: app).count
        return ScrollExtent(count: lines, page: app.layout.helpRows(lines: lines))
    }

    mutating func perform(_ command: Command, in app: DashboardState) -> [ScreenEffect] {
        if scroll.perform(command, in: Self.extent(app)) { return [] }
        switch command {
        case .help, .back: return [.closeOverlay]
        default: break
        }
        return []
    }
}
