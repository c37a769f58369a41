/// The one text-entry mode: a screen's typed filter (`/` on the list, search on the items) and
/// whether it is taking keys now. While it is, typed characters go to it and the text-entry
/// bindings (apply, clear) are the only others; the screen re-filters on every change.
public struct TextQuery: Hashable, Sendable {
    public var text = ""
    public var editing = false

    public init(text: String = "", editing: Bool = false) {
        self.text = text
        self.editing = editing
    }

    /// Applies a typed key: true when the text changed or the key was text at all (then nothing
    /// else may take it), false for a key that is not typing (Enter, Esc go to the bindings).
    public mutating func type(_ key: Key) -> Bool {
        switch key {
        case .character(let character): text.append(character)
        case .backspace, .delete: if !text.isEmpty { text.removeLast() }
        default: return false
        }
        return true
    }

    /// Readline's Ctrl-U (`.textEraseAll`: the whole query) and Ctrl-W (`.textEraseWord`: the last
    /// word and the spaces after it); the prompt stays open. False for any other command.
    public mutating func erase(_ command: Command) -> Bool {
        switch command {
        case .textEraseAll: text = ""
        case .textEraseWord: text = Self.erasingLastWord(text)
        default: return false
        }
        return true
    }

    static func erasingLastWord(_ text: String) -> String {
        var kept = Substring(text)
        while kept.last?.isWhitespace == true { kept.removeLast() }
        while let last = kept.last, !last.isWhitespace { kept.removeLast() }
        return String(kept)
    }
}
