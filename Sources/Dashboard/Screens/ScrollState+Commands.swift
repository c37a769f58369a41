/// The movement commands, the same on every screen that scrolls one list or pane.
extension ScrollState {
    /// Applies `command` when it is a movement (true), in `extent`; false for any other command.
    mutating func perform(_ command: Command, in extent: ScrollExtent) -> Bool {
        switch command {
        case .moveUp: move(by: -1, in: extent)
        case .moveDown: move(by: 1, in: extent)
        case .pageUp: move(by: -extent.page, in: extent)
        case .pageDown: move(by: extent.page, in: extent)
        case .top: move(by: Int.min / 2, in: extent)
        case .bottom: move(by: Int.max / 2, in: extent)
        default: return false
        }
        return true
    }
}
