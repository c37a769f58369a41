/// Who has the keys: a screen, or an overlay or text entry on top of it. Each has its own bindings
/// in `Keymap`; the screens also take the global ones.
public enum KeyContext: Hashable, Sendable, CaseIterable {
    case list, detail, items, itemBody, team, jobs, events, help, dialog, textEntry
}
