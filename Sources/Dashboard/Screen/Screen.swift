import Foundation

/// A plain grid of styled cells: what `render` produces and what TerminalUI draws.
/// No curses here, so tests compare screens as text.
public struct Screen: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the hardware cursor goes after drawing (the selected row), for screen readers.
    public var cursor: (row: Int, column: Int)? {
        get { cursorRow.map { ($0, cursorColumn) } }
        set { cursorRow = newValue?.row; cursorColumn = newValue?.column ?? 0 }
    }
    private var cursorRow: Int?
    private var cursorColumn: Int = 0
    /// When the passing of time alone makes this frame wrong (an age or countdown on it changes);
    /// nil when nothing on it depends on the clock. The runtime redraws on a tick only from then.
    public var validUntil: Date?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * width + column] }
        set { cells[row * width + column] = newValue }
    }
}
