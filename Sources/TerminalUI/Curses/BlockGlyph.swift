/// Glyphs that fill their cell: block elements (U+2580-U+259F: `█`, `▓`, `░`, the halves and
/// eighths) and the solid squares and rectangles (`■`, `▪`, `▮`). Reverse video swaps foreground and
/// background, so such a glyph drawn reversed paints its cell in the background colour: a finished
/// batch's bar read as empty in xterm. `Terminal` therefore never reverses one, whatever a theme
/// (a user's own included) or a highlight over it says; the glyph keeps its colour instead.
public enum BlockGlyph {
    public static func fillsCell(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first else { return false }
        switch scalar.value {
        case 0x2580...0x259F, 0x25A0, 0x25AA, 0x25AC, 0x25AE: return true
        default: return false
        }
    }
}
