/// The item body's keys. ← and → scroll sideways while wrap is off; ← is disabled at column 1
/// (and with wrap on), so it falls through to `back` (the first enabled binding wins) and the
/// footer's `Esc/←/h back` stays true. → stops where the longest line's end is in view.
extension ItemBodyScreen {
    static let bindings: [KeyBinding] = [
        KeyBinding([.left], "scroll left", .scrollLeft, footer: false, disabled: { state in
            guard let body = state.itemBodyScreen, !body.wrap else { return "lines wrap (w)" }
            return body.column == 0 ? "at column 1" : nil
        }),
        KeyBinding([.right], "scroll right", .scrollRight, footer: false, disabled: { state in
            guard let body = state.itemBodyScreen, !body.wrap else { return "lines wrap (w)" }
            return body.column >= body.lastColumnOffset(width: state.width) ? "the longest line's end is in view" : nil
        }),
        Keymap.back,
        KeyBinding([.character("w")], .toggleWrap, label: { ($0.itemBodyScreen?.wrap ?? true) ? "no wrap" : "wrap" },
                   help: { "wrap long lines: on ↔ off (now: \(($0.itemBodyScreen?.wrap ?? true) ? "on" : "off"))" }),
        KeyBinding([.character("y")], .copy, label: { "copy " + ($0.itemBodyScreen?.content?.headlineLabel.map { $0.hasPrefix("answers") ? "answers" : $0 } ?? "JSON") },
                   disabled: { $0.itemBodyScreen?.content == nil ? "the body is not read yet" : nil }),
        KeyBinding([.character("n")], "next item", .nextItem),
        KeyBinding([.character("N")], "previous item", .previousItem, footer: false),
        Keymap.cancel,
    ] + Keymap.movement + [Keymap.wheelUp, Keymap.wheelDown]
}
