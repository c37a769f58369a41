import CNcurses
import Dashboard

/// Turns what `get_wch` returns into a `Key`. Pure apart from `getmouse`, which reads the event
/// ncurses queued for `KEY_MOUSE`.
enum KeyDecoder {
    /// A function key code (`get_wch` returned `KEY_CODE_YES`). nil for codes meshtop ignores.
    static func decode(functionKey code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END, KEY_LL: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_MOUSE: return mouse()
        case KEY_F0 + 1...KEY_F0 + 24: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// An ordinary character (`get_wch` returned `OK`).
    static func decode(character code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(code + 96)!))
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    private static func mouse() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        switch meshtop_mouse_kind(event.bstate) {
        case 1: return .click(row: Int(event.y), column: Int(event.x))
        case 2: return .wheelUp
        case 3: return .wheelDown
        default: return nil
        }
    }
}
