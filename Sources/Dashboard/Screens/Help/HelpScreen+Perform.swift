/// The help box's commands: scrolling and closing.
extension HelpScreen: DashboardScreen {
    static func extent(_ app: DashboardState) -> ScrollExtent {
        let lines = HelpContent.lines(for: app).count
        return ScrollExtent(count: lines, page: app.layout.helpRows(lines: lines))
    }

    mutating func perform(_ command: Command, in app: DashboardState) -> [ScreenEffect] {
        let extent = Self.extent(app)
        switch command {
        case .moveUp: scroll.move(by: -1, in: extent)
        case .moveDown: scroll.move(by: 1, in: extent)
        case .pageUp: scroll.move(by: -extent.page, in: extent)
        case .pageDown: scroll.move(by: extent.page, in: extent)
        case .top: scroll.move(by: Int.min / 2, in: extent)
        case .bottom: scroll.move(by: Int.max / 2, in: extent)
        case .help, .back: return [.closeOverlay]
        default: break
        }
        return []
    }
}
