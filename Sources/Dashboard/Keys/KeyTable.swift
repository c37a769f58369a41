/// The one table of keys. No Ctrl bindings besides the terminal's own Ctrl-C: Ctrl-A/B/D are
/// tmux and screen prefixes.
public enum KeyTable {
    private static let views: Set<KeyContext> = [.list, .items, .itemBody]

    public static let bindings: [KeyBinding] = [
        KeyBinding([.up, .character("k")], "↑/k", "up", visible: false, .moveUp, in: views),
        KeyBinding([.down, .character("j")], "↓/j", "down", visible: false, .moveDown, in: views),
        KeyBinding([.pageUp], "PgUp", "page up", visible: false, .pageUp, in: views),
        KeyBinding([.pageDown], "PgDn", "page down", visible: false, .pageDown, in: views),
        KeyBinding([.home, .character("g")], "Home/g", "first", visible: false, .top, in: views),
        KeyBinding([.end, .character("G")], "End/G", "last", visible: false, .bottom, in: views),
        KeyBinding([.enter], "⏎", "items", .open, in: [.list]),
        KeyBinding([.enter], "⏎", "body", .open, in: [.items]),
        KeyBinding([.escape], "Esc", "back", .back, in: [.items, .itemBody, .help]),
        KeyBinding([.escape], "Esc", "clear filter", visible: false, .back, in: [.list]),
        KeyBinding([.tab], "Tab", "focus", visible: false, .toggleFocus, in: [.list]),
        KeyBinding([.character("/")], "/", "filter", .startFilter, in: [.list]),
        KeyBinding([.character("s")], "s", "sort", .cycleSort, in: [.list]),
        KeyBinding([.character("f")], "f", "status", .cycleStatusFilter, in: [.list]),
        KeyBinding([.character("f")], "f", "failed only", .toggleFailedOnly, in: [.items]),
        KeyBinding([.character("e")], "e", "export", .export, in: [.items]),
        KeyBinding([.character("c")], "c", "cancel", dangerous: true, .cancelBatch, in: [.list, .items]),
        KeyBinding([.character("r")], "r", "refresh", visible: false, .refresh, in: views),
        KeyBinding([.character("p")], "p", "pause", .togglePause, in: views),
        KeyBinding([.character("+"), .character("=")], "+", "faster", visible: false, .fasterPolling, in: views),
        KeyBinding([.character("-")], "-", "slower", visible: false, .slowerPolling, in: views),
        KeyBinding([.character("t")], "t", "theme", visible: false, .nextTheme, in: views),
        KeyBinding([.character("P")], "P", "profile", visible: false, .nextProfile, in: views),
        KeyBinding([.character("?")], "?", "help", .help, in: views.union([.help])),
        KeyBinding([.character("q")], "q", "quit", .quit, in: views.union([.help])),
    ]

    /// The binding for `key` in `context`, leaving out dangerous ones when `readonly`.
    public static func binding(for key: Key, in context: KeyContext, readonly: Bool) -> KeyBinding? {
        bindings.first { $0.contexts.contains(context) && $0.keys.contains(key) && !(readonly && $0.dangerous) }
    }

    /// Bindings offered in `context`, in table order.
    public static func offered(in context: KeyContext, readonly: Bool) -> [KeyBinding] {
        bindings.filter { $0.contexts.contains(context) && !(readonly && $0.dangerous) }
    }
}
