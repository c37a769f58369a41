/// The list's keys and its detail pane's, in the order the footer and the help show them.
extension ListScreen {
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter, .right, .character("l")], "items", .open, disabled: { $0.selectedBatch == nil ? "no batch selected" : nil }),
        KeyBinding([.character("/")], "filter", .startFilter),
        KeyBinding([.character("f")], .cycleStatusFilter, label: { "show \($0.list.statusFilter.next.rawValue)" }),
        KeyBinding([.character("s")], .cycleSort, label: { "sort by \($0.list.sort.next.rawValue)" }),
        KeyBinding([.character("S")], "reverse sort", .reverseSort, footer: false),
        KeyBinding([.tab], "detail pane", .toggleFocus, footer: false),
        Keymap.cancel,
        KeyBinding([.escape, .left, .character("h")], "clear filter", .back, footer: false,
                   disabled: { $0.list.filter.text.isEmpty ? "no filter to clear" : nil }),
    ] + Keymap.movement + Keymap.mouse

    static let detailBindings: [KeyBinding] = [
        KeyBinding([.tab, .escape, .left, .character("h")], "back to list", .toggleFocus),
        KeyBinding([.enter, .right, .character("l")], "items", .open, disabled: { $0.selectedBatch == nil ? "no batch selected" : nil }),
        Keymap.cancel,
    ] + Keymap.movement + Keymap.mouse
}
