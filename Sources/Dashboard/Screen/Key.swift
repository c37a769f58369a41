/// A key press or mouse event, decoded by TerminalUI from curses.
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, lower-case (`.control("c")`).
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// A left click at a screen position.
    case click(row: Int, column: Int)
    case wheelUp, wheelDown
}
