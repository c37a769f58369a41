/// The list's keys and its detail pane's, in the order the footer and the help show them.
extension ListScreen {
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter, .right, .character("l")], "items", .open, disabled: { $0.selectedBatch == nil ? "no batch selected" : nil }),
        KeyBinding([.character("/")], "filter", .startFilter),
        detailPane,
        zoom,
        KeyBinding([.character("f")], .cycleStatusFilter, label: { "show \($0.list.statusFilter.next.rawValue)" },
                   help: { KeyBinding.cycle("filter", now: $0.list.statusFilter) }),
        KeyBinding([.character("s")], .cycleSort, label: { "sort by \($0.list.sort.next.rawValue)" },
                   help: { KeyBinding.cycle("sort", now: $0.list.sort) }),
        KeyBinding([.character("S")], .reverseSort, footer: false, label: { _ in "reverse sort" },
                   help: { "reverse the sort (now: \($0.list.sortReversed ? "reversed" : "natural order"))" }),
        jump,
        copy,
        KeyBinding([.tab], "detail pane", .toggleFocus, footer: false,
                   disabled: { $0.list.detailPane == .hidden ? "the detail pane is hidden: d shows it" : nil }),
        Keymap.cancel,
        KeyBinding([.escape, .left, .character("h")], "clear filter", .back, footer: false,
                   disabled: { $0.list.filter.text.isEmpty ? "no filter to clear" : nil }),
    ] + Keymap.movement + Keymap.mouse

    static let detailBindings: [KeyBinding] = [
        KeyBinding([.tab, .escape, .left, .character("h")], "back to list", .toggleFocus),
        KeyBinding([.enter, .right, .character("l")], "items", .open, disabled: { $0.selectedBatch == nil ? "no batch selected" : nil }),
        zoom,
        detailPane,
        jump,
        copy,
        Keymap.cancel,
    ] + Keymap.movement + Keymap.mouse

    /// `d`: the list has the whole body, or shares it with the pane.
    static let detailPane = KeyBinding(
        [.character("d")], .toggleDetailPane, label: { $0.list.detailPane == .hidden ? "show detail" : "hide detail" },
        help: { "detail pane: shown ↔ hidden (now: \($0.list.detailPane.rawValue))" })
    /// `z`: the pane has the whole body, as tmux's prefix-z zooms a pane.
    static let zoom = KeyBinding(
        [.character("z")], .zoomDetailPane, label: { $0.list.detailPane == .zoomed ? "unzoom" : "zoom" },
        help: { "zoom the detail pane to the whole screen ↔ back (now: \($0.list.detailPane.rawValue))" })
    static let jump = KeyBinding([.character(":")], "jump to a batch id", .startJump, footer: false)
    static let copy = KeyBinding([.character("y")], .copy, footer: false, label: { _ in "copy id" },
                                 help: { _ in "copy the batch id to the clipboard (OSC 52)" },
                                 disabled: { $0.list.selectedID == nil ? "no batch selected" : nil })
}
