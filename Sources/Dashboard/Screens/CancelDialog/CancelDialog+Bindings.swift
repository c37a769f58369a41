/// The cancel dialog's keys.
extension CancelDialog {
    static let bindings: [KeyBinding] = [
        KeyBinding([.left, .right, .tab, .backTab, .character("h"), .character("l")], "choose", .dialogSwitch),
        KeyBinding([.enter], "confirm", .dialogConfirm),
        KeyBinding([.character("y"), .character("Y")], "yes, cancel it", .dialogYes),
        KeyBinding([.escape, .character("n"), .character("N"), .character("q")], "no", .dialogNo),
    ]
}
