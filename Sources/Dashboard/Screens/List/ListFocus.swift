/// Which pane of the list screen takes movement keys; Tab switches.
public enum ListFocus: Hashable, Sendable {
    case list, detail
}
