/// The item body's commands: scrolling down and sideways, wrap.
extension ItemBodyScreen: DashboardScreen {
    /// Lines of the body at this width and a page of them: wrapped when a key scrolls (and when
    /// drawn), never after every action.
    func extent(_ app: DashboardState) -> ScrollExtent {
        ScrollExtent(count: ItemBodyText.lines(self, width: app.width).count, page: app.layout.bodyTextRows)
    }

    mutating func perform(_ command: Command, in app: DashboardState) -> [ScreenEffect] {
        let page = app.layout.bodyTextRows
        switch command {
        case .moveUp: scroll.move(by: -1, in: extent(app))
        case .moveDown: scroll.move(by: 1, in: extent(app))
        case .pageUp: scroll.move(by: -page, in: extent(app))
        case .pageDown: scroll.move(by: page, in: extent(app))
        case .top: scroll.move(by: Int.min / 2, in: extent(app))
        case .bottom: scroll.move(by: Int.max / 2, in: extent(app))
        case .back: return [.back]
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
