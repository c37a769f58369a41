/// How a key is written in the footer and the help: derived from the key itself (as k9s names its
/// keys from their codes), so a binding's label cannot disagree with what it binds.
extension Key {
    public var name: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let character): return "Ctrl-" + String(character).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "⏎"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .function(let number): return "F\(number)"
        case .click: return "click"
        case .wheelUp: return "wheel↑"
        case .wheelDown: return "wheel↓"
        }
    }

    /// Whether this key is `other`, any click standing for every click (a binding lists `.click`
    /// once; the press carries where it was).
    func matches(_ other: Key) -> Bool {
        if case .click = self, case .click = other { return true }
        return self == other
    }
}
