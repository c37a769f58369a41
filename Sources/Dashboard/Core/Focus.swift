/// Which pane of the list view takes movement keys; Tab switches.
public enum Focus: Hashable, Sendable {
    case list, detail
}
