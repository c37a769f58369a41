/// The item body's commands: scrolling down and sideways, wrap.
extension ItemBodyScreen: DashboardScreen {
    /// Lines of the body at this width and a page of them: wrapped when a key scrolls (and when
    /// drawn), never after every action.
    func extent(_ app: DashboardState) -> ScrollExtent {
        ScrollExtent(count: ItemBodyText.lines(self, width: app.width).count, page: app.layout.bodyTextRows)
    }

    mutating func perform(_ command: Command, in app: DashboardState) -> [ScreenEffect] {
        // Movement builds the wrapped lines (the extent) only for a movement key.
        if [.moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom].contains(command) {
            _ = scroll.perform(command, in: extent(app))
            return []
        }
        switch command {
        case .back: return [.back]
        case .copy:
            guard let content else { return [] }
            if let text = content.headlineText { return [.copy(text, what: content.headlineLabel ?? "answer")] }
            return [.copy(content.json.joined(separator: "\n"), what: "result JSON")]
        case .toggleWrap:
            wrap.toggle()
            column = 0
        case .scrollLeft:
            column = max(0, column - Self.sidewaysStep(app.width))
        case .scrollRight:
            let limit = max(0, ItemBodyText.widest(self) - (app.width - 2))
            column = min(limit, column + Self.sidewaysStep(app.width))
        default:
            break
        }
        return []
    }

    /// Columns one ← or → moves with wrap off.
    static func sidewaysStep(_ width: Int) -> Int { max(8, width / 4) }
}
