/// The item body's commands: scrolling down and sideways, wrap, the next or previous item.
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
            column = min(lastColumnOffset(width: app.width), column + Self.sidewaysStep(app.width))
        case .nextItem: return [.stepItem(by: 1)]
        case .previousItem: return [.stepItem(by: -1)]
        default:
            break
        }
        return []
    }

    /// Columns one ← or → moves with wrap off.
    static func sidewaysStep(_ width: Int) -> Int { max(8, width / 4) }

    /// Display columns of text a row shows (a row is " " and the text).
    static func textColumns(_ width: Int) -> Int { max(1, width - 1) }

    /// The furthest `column` → goes: the longest line's end in view, never a blank page.
    func lastColumnOffset(width: Int) -> Int {
        max(0, ItemBodyText.widest(self) - Self.textColumns(width))
    }

    /// "col 31-110/240": the columns shown of the longest line's, with wrap off.
    func columnsShown(width: Int) -> String {
        let widest = ItemBodyText.widest(self)
        let last = min(widest, column + Self.textColumns(width))
        return "col \(min(column + 1, max(1, widest)))-\(max(1, last))/\(widest)"
    }
}
