/// What a key asks for. Keys map to commands through `KeyTable`, never directly in `reduce`.
public enum Command: Hashable, Sendable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    case open, back, toggleFocus
    case startFilter, cycleSort, cycleStatusFilter, toggleFailedOnly, export
    case cancelBatch
    case refresh, togglePause, fasterPolling, slowerPolling
    case nextTheme, nextProfile, help, quit
}
