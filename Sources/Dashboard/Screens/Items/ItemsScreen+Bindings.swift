/// The items screen's keys.
extension ItemsScreen {
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter, .right, .character("l")], "body", .open,
                   disabled: { ($0.itemsScreen?.scroll.selected == nil) ? "no item selected" : nil }),
        Keymap.back,
        KeyBinding([.character("/")], "search", .startFilter,
                   disabled: { $0.itemsScreen?.index == nil ? "no results yet" : nil }),
        KeyBinding([.character("f")], .cycleOutcomeFilter, label: { "show \(($0.itemsScreen?.outcome ?? .all).next.rawValue)" },
                   help: { KeyBinding.cycle("show", now: $0.itemsScreen?.outcome ?? .all) },
                   disabled: { $0.itemsScreen?.index == nil ? "no results yet" : nil }),
        KeyBinding([.character("x")], .cycleErrorCode, label: { $0.itemsScreen?.nextErrorCodeLabel ?? "error code" },
                   help: { "one error code: each code of the errors-by-code line, then every code (now: "
                       + ($0.itemsScreen?.errorCode ?? "every code") + ")" },
                   disabled: { ($0.itemsScreen?.index?.groups.isEmpty ?? true) ? "no errors to pick from" : nil }),
        KeyBinding([.character("s")], .cycleSort, label: { "sort by \(($0.itemsScreen?.sort ?? .submitted).next.rawValue)" },
                   help: { KeyBinding.cycle("sort", now: $0.itemsScreen?.sort ?? .submitted) },
                   disabled: { $0.itemsScreen?.index == nil ? "no results yet" : nil }),
        KeyBinding([.character("S")], "reverse sort", .reverseSort, footer: false),
        KeyBinding([.character("e")], "export", .export, disabled: { state in
            guard let items = state.itemsScreen else { return "open a batch's items first" }
            return items.exportRefusal
        }),
        KeyBinding([.character("y")], "copy custom_id", .copy, footer: false,
                   disabled: { ($0.itemsScreen?.scroll.selected == nil) ? "no item selected" : nil }),
        Keymap.cancel,
    ] + Keymap.movement + Keymap.mouse
}
