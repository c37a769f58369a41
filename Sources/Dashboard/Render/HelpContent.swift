import MeshAPI

/// The help overlay's lines: the keys of the screen under it first, then the keys of every screen,
/// then what the glyphs mean. Generated from `Keymap`, so it always says what the keys do.
enum HelpContent {
    enum Line: Hashable {
        case heading(String)
        case key(OfferedKey)
        case text(String)
    }

    static func lines(for state: DashboardState) -> [Line] {
        let context = state.screenContext
        let readonly = state.options.readonly
        var lines: [Line] = [.heading(title(context))]
        var seen = Set<String>()
        for binding in Keymap.bindings(for: context) where !(readonly && binding.dangerous) {
            let offered = binding.offered(in: state)
            if seen.insert(offered.keyLabel + offered.label).inserted { lines.append(.key(offered)) }
        }
        lines.append(.heading("on every screen"))
        for binding in Keymap.global {
            lines.append(.key(binding.offered(in: state)))
        }
        lines.append(.heading("progress bar"))
        lines.append(.text(ProgressGlyphs.legend))
        lines.append(.text("✗N after the counts: N items failed"))
        lines.append(.heading("status"))
        let active: [BatchStatus] = [.validating, .inProgress, .finalizing, .cancelling]
        let ended: [BatchStatus] = [.completed, .failed, .expired, .cancelled]
        lines.append(.text(active.map(StatusStyle.label).joined(separator: "  ")))
        lines.append(.text(ended.map(StatusStyle.label).joined(separator: "  ")))
        lines.append(.text("Mouse: click selects, wheel scrolls. Ctrl-C quits."))
        return lines
    }

    static func title(_ context: KeyContext) -> String {
        switch context {
        case .list: return "batch list"
        case .detail: return "detail pane"
        case .items: return "items of a batch"
        case .itemBody: return "one item's result"
        case .help: return "help"
        case .dialog: return "cancel dialog"
        case .textEntry: return "typing"
        }
    }
}
