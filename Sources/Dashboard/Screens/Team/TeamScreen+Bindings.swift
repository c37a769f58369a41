/// The team overview's keys.
extension TeamScreen {
    static let bindings: [KeyBinding] = [
        KeyBinding([.enter, .right, .character("l")], "switch to profile", .open,
                   disabled: { $0.teamSelectionRefusal }),
        KeyBinding([.escape, .left, .character("h"), .character("T")], "back", .back),
    ] + Keymap.movement + [Keymap.wheelUp, Keymap.wheelDown]
}
