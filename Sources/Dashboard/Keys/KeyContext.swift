/// Where a binding applies: the view (or overlay) that has the keys.
public enum KeyContext: Hashable, Sendable, CaseIterable {
    case list, items, itemBody, help
}
