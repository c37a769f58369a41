/// What a span of text means. `render` tags cells with roles; a `Theme` maps each role to colours
/// and attributes. Roles, not colours, are what snapshots record.
public enum StyleRole: String, CaseIterable, Hashable, Sendable {
    case normal, dim, title, header, border, selected, changed
    case statusActive, statusDone, statusFailed, statusCancelled, statusUnknown
    case gaugeLow, gaugeMid, gaugeFull
    case progressDone, progressFailed, progressTodo
    case key, hint, message, error, warning, dialog, dialogFocus
}
