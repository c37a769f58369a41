import MeshAPI

/// Every key binding, per context, as data: each screen's table lives in its folder
/// (`ListScreen.bindings`, ...), the shared pieces and the global keys here. `reduce` looks keys up
/// through `lookup`; the footer and the help are generated from the same tables, with labels and
/// disabled reasons computed from the state and key names derived from the keys.
/// No Ctrl bindings besides the terminal's own Ctrl-C: Ctrl-A/B/D are tmux and screen prefixes.
public enum Keymap {
    // MARK: Pieces shared by several tables

    static let movement: [KeyBinding] = [
        KeyBinding([.up, .character("k")], "up", .moveUp, footer: false),
        KeyBinding([.down, .character("j")], "down", .moveDown, footer: false),
        KeyBinding([.pageUp], "page up", .pageUp, footer: false),
        KeyBinding([.pageDown, .character(" ")], "page down", .pageDown, footer: false),
        KeyBinding([.home, .character("g")], "first", .top, footer: false),
        KeyBinding([.end, .character("G")], "last", .bottom, footer: false),
    ]

    static let wheelUp = KeyBinding([.wheelUp], "scroll up 3 rows", .wheelUp, footer: false)
    static let wheelDown = KeyBinding([.wheelDown], "scroll down 3 rows", .wheelDown, footer: false)
    /// The mouse where there are rows to pick.
    static let mouse: [KeyBinding] = [
        KeyBinding([.click(row: 0, column: 0)], "select the row", .click, footer: false), wheelUp, wheelDown,
    ]

    static let cancel = KeyBinding([.character("c")], "cancel batch", .cancelBatch, dangerous: true,
                                   disabled: { $0.cancelRefusal })

    static let back = KeyBinding([.escape, .left, .character("h")], "back", .back)

    /// The terminal's own way out, in every context, text entry and dialogs included.
    static let always: [KeyBinding] = [
        KeyBinding([.control("c")], "quit", .quit, footer: false),
    ]

    /// Keys every screen takes, after its own.
    public static let global: [KeyBinding] = [
        KeyBinding([.character("p")], .togglePause, label: { $0.poll.paused ? "resume" : "pause" },
                   help: { "pause or resume polling (now: \($0.poll.paused ? "paused" : "polling"))" }),
        KeyBinding([.character("r")], "refresh now", .refresh, footer: false),
        KeyBinding([.character("+"), .character("=")], "poll faster", .fasterPolling, footer: false),
        KeyBinding([.character("-")], "poll slower", .slowerPolling, footer: false),
        KeyBinding([.character("t")], "next theme", .nextTheme, footer: false),
        KeyBinding([.character("P")], "next profile", .nextProfile, footer: false,
                   disabled: { $0.options.profiles.count > 1 ? nil : "no other profile in config.toml" }),
        KeyBinding([.character("T")], "team overview", .teamOverview, footer: false,
                   disabled: { $0.options.profiles.count > 1 ? nil : "one profile only: the team overview lists config.toml's profiles" }),
        KeyBinding([.character("J")], "jobs", .jobsScreen, footer: false),
        KeyBinding([.character("L")], "event log: what ended or was refused", .eventLog, footer: false),
        KeyBinding([.character("?"), .function(1)], "help", .help),
        KeyBinding([.character("q"), .function(10)], "quit", .quit),
    ] + always

    /// What a dangerous key says under `--readonly`.
    static let readonlyRefusal = "read-only (--readonly): cancel is off"

    // MARK: The tables

    /// The bindings of `context`, in the order the footer and the help show them.
    public static func bindings(for context: KeyContext) -> [KeyBinding] {
        switch context {
        case .list: return ListScreen.bindings
        case .detail: return ListScreen.detailBindings
        case .items: return ItemsScreen.bindings
        case .itemBody: return ItemBodyScreen.bindings
        case .team: return TeamScreen.bindings
        case .jobs: return JobsScreen.bindings
        case .events: return EventLogScreen.bindings
        case .help: return HelpScreen.bindings
        case .dialog: return CancelDialog.bindings
        case .textEntry: return TextQuery.bindings
        }
    }

    /// The contexts whose tables end with the global keys.
    static func takesGlobalKeys(_ context: KeyContext) -> Bool {
        switch context {
        case .list, .detail, .items, .itemBody, .team, .jobs, .events: return true
        case .help, .dialog, .textEntry: return false
        }
    }

    /// Every binding `context` offers, its own first, leaving out dangerous ones when `readonly`.
    public static func offered(in context: KeyContext, readonly: Bool) -> [KeyBinding] {
        let all = bindings(for: context) + (takesGlobalKeys(context) ? global : always)
        return all.filter { !(readonly && $0.dangerous) }
    }

    /// What `key` does in `context`: the first binding for it that can act, else the first that
    /// cannot (so the person hears why), else nil.
    /// A dangerous binding under `--readonly` is not offered (neither footer nor help names it) but
    /// its key still says why it does nothing.
    public static func lookup(_ key: Key, in context: KeyContext, state: DashboardState) -> (KeyBinding, disabledReason: String?)? {
        var refused: (KeyBinding, String)?
        for binding in offered(in: context, readonly: false) where binding.keys.contains(where: { $0.matches(key) }) {
            if state.options.readonly && binding.dangerous {
                if refused == nil { refused = (binding, readonlyRefusal) }
                continue
            }
            if let reason = binding.disabledReason(state) {
                if refused == nil { refused = (binding, reason) }
                continue
            }
            return (binding, nil)
        }
        return refused.map { ($0.0, $0.1) }
    }
}
