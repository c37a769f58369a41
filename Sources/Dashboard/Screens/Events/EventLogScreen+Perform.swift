/// The event log's commands: scrolling, and back.
extension EventLogScreen: DashboardScreen {
    /// Rows below the title and the column headings.
    static func page(_ layout: Layout) -> Int { max(1, layout.body.height - 2) }

    func extent(count: Int, _ layout: Layout) -> ScrollExtent {
        ScrollExtent(count: count, page: Self.page(layout))
    }

    mutating func perform(_ command: Command, in app: DashboardState) -> [ScreenEffect] {
        if scroll.perform(command, in: extent(count: app.events.entries.count, app.layout)) { return [] }
        if command == .back { return [.back] }
        return []
    }

    /// The header's second line on the event log.
    func statusLine(count: Int) -> String {
        "\(Formatting.count(count)) events (the last \(Formatting.count(EventLog.capacity)) kept)"
    }
}
