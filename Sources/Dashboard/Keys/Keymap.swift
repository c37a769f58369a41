import MeshAPI

/// Every key binding, per context, as data. `reduce` looks keys up here; the footer and the help
/// are generated from the same tables, with labels and disabled reasons computed from the state.
/// No Ctrl bindings besides the terminal's own Ctrl-C: Ctrl-A/B/D are tmux and screen prefixes.
public enum Keymap {
    // MARK: Pieces shared by several tables

    private static let movement: [KeyBinding] = [
        KeyBinding([.up, .character("k")], "↑/k", "up", .moveUp, footer: false),
        KeyBinding([.down, .character("j")], "↓/j", "down", .moveDown, footer: false),
        KeyBinding([.pageUp], "PgUp", "page up", .pageUp, footer: false),
        KeyBinding([.pageDown, .character(" ")], "PgDn", "page down", .pageDown, footer: false),
        KeyBinding([.home, .character("g")], "Home/g", "first", .top, footer: false),
        KeyBinding([.end, .character("G")], "End/G", "last", .bottom, footer: false),
    ]

    private static let cancel = KeyBinding([.character("c")], "c", "cancel batch", .cancelBatch, dangerous: true,
                                           disabled: { $0.cancelRefusal })

    private static let back = KeyBinding([.escape, .left, .character("h")], "Esc/←/h", "back", .back)

    // MARK: The tables

    /// The bindings of `context`, in the order the footer and the help show them.
    public static func bindings(for context: KeyContext) -> [KeyBinding] {
        switch context {
        case .list: return listBindings
        case .detail: return detailBindings
        case .items: return itemsBindings
        case .itemBody: return itemBodyBindings
        case .team: return teamBindings
        case .help: return helpBindings
        case .dialog: return dialogBindings
        case .textEntry: return textBindings
        }
    }

    static let listBindings: [KeyBinding] = [
        KeyBinding([.enter, .right, .character("l")], "⏎", "items", .open, disabled: { $0.selectedBatch == nil ? "no batch selected" : nil }),
        KeyBinding([.character("/")], "/", "filter", .startFilter),
        KeyBinding([.character("f")], "f", .cycleStatusFilter, label: { "show \($0.list.statusFilter.next.rawValue)" }),
        KeyBinding([.character("s")], "s", .cycleSort, label: { "sort by \($0.list.sort.next.rawValue)" }),
        KeyBinding([.character("S")], "S", "reverse sort", .reverseSort, footer: false),
        KeyBinding([.tab], "Tab", "detail pane", .toggleFocus, footer: false),
        cancel,
        KeyBinding([.escape, .left, .character("h")], "Esc", "clear filter", .back, footer: false,
                   disabled: { $0.list.filterText.isEmpty ? "no filter to clear" : nil }),
    ] + movement

    static let detailBindings: [KeyBinding] = [
        KeyBinding([.tab, .escape, .left, .character("h")], "Tab/Esc", "back to list", .toggleFocus),
        KeyBinding([.enter, .right, .character("l")], "⏎", "items", .open, disabled: { $0.selectedBatch == nil ? "no batch selected" : nil }),
        cancel,
    ] + movement

    static let itemsBindings: [KeyBinding] = [
        KeyBinding([.enter, .right, .character("l")], "⏎", "body", .open,
                   disabled: { ($0.itemsScreen?.scroll.selected == nil) ? "no item selected" : nil }),
        back,
        KeyBinding([.character("/")], "/", "search", .startFilter,
                   disabled: { $0.itemsScreen?.index == nil ? "no results yet" : nil }),
        KeyBinding([.character("f")], "f", .cycleOutcomeFilter, label: { "show \(($0.itemsScreen?.outcome ?? .all).next.rawValue)" },
                   disabled: { $0.itemsScreen?.index == nil ? "no results yet" : nil }),
        KeyBinding([.character("x")], "x", .cycleErrorCode, label: { $0.nextErrorCodeLabel },
                   disabled: { ($0.itemsScreen?.index?.groups.isEmpty ?? true) ? "no errors to pick from" : nil }),
        KeyBinding([.character("s")], "s", .cycleSort, label: { "sort by \(($0.itemsScreen?.sort ?? .submitted).next.rawValue)" },
                   disabled: { $0.itemsScreen?.index == nil ? "no results yet" : nil }),
        KeyBinding([.character("S")], "S", "reverse sort", .reverseSort, footer: false),
        KeyBinding([.character("e")], "e", "export", .export, disabled: { $0.exportRefusal }),
        cancel,
    ] + movement

    /// ← and → scroll sideways while wrap is off; with wrap on they are disabled, so ← falls through
    /// to `back` (the first enabled binding wins).
    static let itemBodyBindings: [KeyBinding] = [
        KeyBinding([.left], "←", "scroll left", .scrollLeft, footer: false,
                   disabled: { ($0.itemBodyScreen?.wrap ?? true) ? "lines wrap (w)" : nil }),
        KeyBinding([.right], "→", "scroll right", .scrollRight, footer: false,
                   disabled: { ($0.itemBodyScreen?.wrap ?? true) ? "lines wrap (w)" : nil }),
        back,
        KeyBinding([.character("w")], "w", .toggleWrap, label: { ($0.itemBodyScreen?.wrap ?? true) ? "no wrap" : "wrap" }),
        cancel,
    ] + movement

    static let teamBindings: [KeyBinding] = [
        KeyBinding([.enter, .right, .character("l")], "⏎", "switch to profile", .open,
                   disabled: { $0.teamSelectionRefusal }),
        KeyBinding([.escape, .left, .character("h"), .character("T")], "Esc/T", "back", .back),
    ] + movement

    static let helpBindings: [KeyBinding] = [
        KeyBinding([.escape, .character("?"), .function(1), .character("q"), .left, .character("h")], "Esc/?", "close help", .help),
    ] + movement

    static let dialogBindings: [KeyBinding] = [
        KeyBinding([.left, .right, .tab, .backTab, .character("h"), .character("l")], "←/→", "choose", .dialogSwitch),
        KeyBinding([.enter], "⏎", "confirm", .dialogConfirm),
        KeyBinding([.character("y"), .character("Y")], "y", "yes, cancel it", .dialogYes),
        KeyBinding([.escape, .character("n"), .character("N"), .character("q")], "Esc/n", "no", .dialogNo),
    ]

    static let textBindings: [KeyBinding] = [
        KeyBinding([.enter], "⏎", "apply", .textApply),
        KeyBinding([.escape], "Esc", "clear", .textClear),
        KeyBinding([.control("u")], "^U", "erase", .textEraseAll),
        KeyBinding([.control("w")], "^W", "erase word", .textEraseWord),
    ]

    /// Keys every screen takes, after its own.
    public static let global: [KeyBinding] = [
        KeyBinding([.character("p")], "p", .togglePause, label: { $0.poll.paused ? "resume" : "pause" }),
        KeyBinding([.character("r")], "r", "refresh now", .refresh, footer: false),
        KeyBinding([.character("+"), .character("=")], "+", "poll faster", .fasterPolling, footer: false),
        KeyBinding([.character("-")], "-", "poll slower", .slowerPolling, footer: false),
        KeyBinding([.character("t")], "t", "next theme", .nextTheme, footer: false),
        KeyBinding([.character("P")], "P", "next profile", .nextProfile, footer: false,
                   disabled: { $0.options.profiles.count > 1 ? nil : "no other profile in config.toml" }),
        KeyBinding([.character("T")], "T", "team overview", .teamOverview, footer: false,
                   disabled: { $0.options.profiles.count > 1 ? nil : "one profile only: the team overview lists config.toml's profiles" }),
        KeyBinding([.character("?"), .function(1)], "?/F1", "help", .help),
        KeyBinding([.character("q"), .function(10)], "q/F10", "quit", .quit),
    ]

    /// The contexts whose tables end with the global keys.
    static func takesGlobalKeys(_ context: KeyContext) -> Bool {
        switch context {
        case .list, .detail, .items, .itemBody, .team: return true
        case .help, .dialog, .textEntry: return false
        }
    }

    /// Every binding `context` offers, its own first, leaving out dangerous ones when `readonly`.
    public static func offered(in context: KeyContext, readonly: Bool) -> [KeyBinding] {
        let all = bindings(for: context) + (takesGlobalKeys(context) ? global : [])
        return all.filter { !(readonly && $0.dangerous) }
    }

    /// What `key` does in `context`: the first binding for it that can act, else the first that
    /// cannot (so the person hears why), else nil.
    public static func lookup(_ key: Key, in context: KeyContext, state: DashboardState) -> (KeyBinding, disabledReason: String?)? {
        var refused: (KeyBinding, String)?
        for binding in offered(in: context, readonly: state.options.readonly) where binding.keys.contains(key) {
            if let reason = binding.disabledReason(state) {
                if refused == nil { refused = (binding, reason) }
                continue
            }
            return (binding, nil)
        }
        return refused.map { ($0.0, $0.1) }
    }
}
