/// The event log's keys.
extension EventLogScreen {
    static let bindings: [KeyBinding] = [
        KeyBinding([.escape, .left, .character("h"), .character("L")], "back", .back),
    ] + Keymap.movement + [Keymap.wheelUp, Keymap.wheelDown]
}
