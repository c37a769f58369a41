import MeshAPI

/// The help overlay's lines: the keys of the screen under it first, then the keys of every screen,
/// then what the glyphs mean. Generated from `Keymap`, so it always says what the keys do.
enum HelpContent {
    enum Line: Hashable {
        case heading(String)
        /// A key and its words (the first line of an entry).
        case key(keyLabel: String, words: String)
        /// More of an entry's words, or of a legend, under the words column.
        case more(String)
        case text(String)
    }

    /// Columns for a key before its words.
    static let keyColumn = 12

    /// The lines wrapped to the help box of this state's size, so every word can be scrolled to.
    static func lines(for state: DashboardState) -> [Line] {
        let width = max(20, Layout(width: state.width, height: state.height).helpBox(lines: 0).width - 4)
        var wrapped: [Line] = []
        for line in entries(for: state) {
            switch line {
            case .heading: wrapped.append(line)
            case .key(let keyLabel, let words):
                let pieces = TextWrap.lines(words, width: width - keyColumn)
                if TextWidth.of(keyLabel) >= keyColumn {
                    // Too many keys for the column: they get a line, the words go under them.
                    wrapped.append(.key(keyLabel: keyLabel, words: ""))
                    wrapped += pieces.map { .more($0) }
                } else {
                    wrapped.append(.key(keyLabel: keyLabel, words: pieces[0]))
                    wrapped += pieces.dropFirst().map { .more($0) }
                }
            case .more(let text), .text(let text):
                wrapped += TextWrap.lines(text, width: width).map { .text($0) }
            }
        }
        return wrapped
    }

    static func entry(_ key: OfferedKey) -> Line {
        var words = key.helpLabel + (key.dangerous ? " (asks first)" : "")
        if let reason = key.disabledReason { words += " (not now: \(reason))" }
        return .key(keyLabel: key.keyLabel, words: words)
    }

    static func entries(for state: DashboardState) -> [Line] {
        let context = state.screenContext
        let readonly = state.options.readonly
        var lines: [Line] = [.heading(title(context))]
        var seen = Set<String>()
        for binding in Keymap.bindings(for: context) where !(readonly && binding.dangerous) {
            let offered = binding.offered(in: state)
            if seen.insert(offered.keyLabel + offered.label).inserted { lines.append(entry(offered)) }
        }
        lines.append(.heading("on every screen"))
        for binding in Keymap.global {
            lines.append(entry(binding.offered(in: state)))
        }
        lines.append(.heading("progress bar"))
        lines.append(.text(ProgressGlyphs.legend))
        lines.append(.text("✗N after the counts: N items failed"))
        lines.append(.heading("header"))
        lines.append(.text("slots over 12m ▁▃▅▇ after the slots gauge: slots used, one glyph a minute, over the minutes named (at most \(DashboardRenderer.slotPlotMinutes))"))
        lines.append(.text("faint rows and quota: the last answer's numbers while the server does not answer; no ETA then"))
        lines.append(.heading("status"))
        let active: [BatchStatus] = [.validating, .inProgress, .finalizing, .cancelling]
        let ended: [BatchStatus] = [.completed, .failed, .expired, .cancelled]
        lines.append(.text(active.map(StatusStyle.label).joined(separator: "  ")))
        lines.append(.text(ended.map(StatusStyle.label).joined(separator: "  ")))
        let share = Int(StatusStyle.failedShareWorthAWarning * 100)
        lines.append(.text("⚠ completed: \(share)% or more of its items failed  ✗ completed: every item failed"))
        return lines
    }

    static func title(_ context: KeyContext) -> String {
        switch context {
        case .list: return "batch list"
        case .detail: return "detail pane"
        case .items: return "items of a batch"
        case .itemBody: return "one item's result"
        case .team: return "team overview"
        case .jobs: return "jobs"
        case .events: return "event log"
        case .help: return "help"
        case .dialog: return "cancel dialog"
        case .textEntry: return "typing"
        }
    }
}
