/// One thing `get_wch` returned: a character, or a key code curses decoded itself (`KEY_CODE_YES`).
enum CursesInput: Equatable {
    case character(UInt32)
    case functionKey(Int32)
}
