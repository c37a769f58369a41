/// The help box's keys; its last line is generated from them too.
extension HelpScreen {
    static let bindings: [KeyBinding] = [
        KeyBinding([.escape, .character("?"), .function(1), .character("q"), .left, .character("h")], "close help", .help),
    ] + Keymap.movement + [Keymap.wheelUp, Keymap.wheelDown]
}
