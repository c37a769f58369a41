/// The item body's keys. ← and → scroll sideways while wrap is off; with wrap on they are
/// disabled, so ← falls through to `back` (the first enabled binding wins).
extension ItemBodyScreen {
    static let bindings: [KeyBinding] = [
        KeyBinding([.left], "scroll left", .scrollLeft, footer: false,
                   disabled: { ($0.itemBodyScreen?.wrap ?? true) ? "lines wrap (w)" : nil }),
        KeyBinding([.right], "scroll right", .scrollRight, footer: false,
                   disabled: { ($0.itemBodyScreen?.wrap ?? true) ? "lines wrap (w)" : nil }),
        Keymap.back,
        KeyBinding([.character("w")], .toggleWrap, label: { ($0.itemBodyScreen?.wrap ?? true) ? "no wrap" : "wrap" },
                   help: { "wrap long lines: on ↔ off (now: \(($0.itemBodyScreen?.wrap ?? true) ? "on" : "off"))" }),
        KeyBinding([.character("y")], .copy, label: { "copy " + ($0.itemBodyScreen?.content?.headlineLabel.map { $0.hasPrefix("answers") ? "answers" : $0 } ?? "JSON") },
                   disabled: { $0.itemBodyScreen?.content == nil ? "the body is not read yet" : nil }),
        Keymap.cancel,
    ] + Keymap.movement + [Keymap.wheelUp, Keymap.wheelDown]
}
