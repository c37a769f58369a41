/// What a key asks for. Keys map to commands through `Keymap`, never directly in `reduce`.
public enum Command: Hashable, Sendable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom
    /// The mouse: the wheel moves three rows, a click selects the row under it.
    case wheelUp, wheelDown, click
    case open, back, toggleFocus
    /// The list's detail pane: `d` hides and shows it, `z` zooms it (see `DetailPaneMode`).
    case toggleDetailPane, zoomDetailPane
    /// `:` asks for a batch id and selects that batch.
    case startJump
    /// `y`: the focused thing (batch id, custom_id, answer) to the terminal's clipboard (OSC 52).
    case copy
    case startFilter, cycleSort, reverseSort, cycleStatusFilter
    case cycleOutcomeFilter, cycleErrorCode, toggleWrap, scrollLeft, scrollRight, export
    /// In an item's body: the next or previous item of the items screen under it.
    case nextItem, previousItem
    case cancelBatch
    case refresh, togglePause, fasterPolling, slowerPolling
    case nextTheme, nextProfile, teamOverview, jobsScreen, eventLog, help, quit
    /// In the cancel dialog.
    case dialogSwitch, dialogYes, dialogConfirm, dialogNo
    /// While `/` takes text.
    case textApply, textClear
    /// Readline's Ctrl-U (the whole query) and Ctrl-W (the word before the cursor, and the spaces after it).
    case textEraseAll, textEraseWord
}
