/// The one sanitizer for text that reaches a terminal or a log: every character a terminal would
/// act on instead of showing is shown as a visible escape.
///
/// Anyone with a team key writes metadata, custom_ids and (through a hostile server) error
/// messages; printed raw, `ESC [2J` clears the reader's screen, a newline splits a table row and a
/// right-to-left override reorders a line. Escaped, the same text reads as what it is:
///
///     TerminalText.escaped("a\u{1B}[2Jb\n")   // "a\\e[2Jb\\n"
///
/// Escaped: C0 controls (U+0000-U+001F; `\e`, `\n`, `\r`, `\t` by name, the rest as `\u00XX`), DEL
/// and C1 controls (U+007F-U+009F, `\u009b`); every bidirectional control: the embeddings, overrides
/// and isolates (U+202A-U+202E, U+2066-U+2069) and the marks (U+200E, U+200F, U+061C), which reorder
/// or disguise what follows; the line and paragraph separators (U+2028, U+2029), which some terminals
/// and editors break a line at; and the invisible format characters that make two different strings
/// look alike: zero-width space U+200B, word joiner and the invisible operators U+2060-U+2064, the
/// deprecated format controls U+206A-U+206F, U+180E, the byte-order mark U+FEFF and the interlinear
/// annotation marks U+FFF9-U+FFFB. Not escaped on purpose: ZWJ and ZWNJ (U+200C, U+200D), which
/// emoji sequences and Persian or Indic text need to look right, and variation selectors.
/// A backslash is left as it is, so escaping is idempotent:
/// text that went through it once (the dashboard's cells, a table cell) is unchanged the second time.
public enum TerminalText {
    /// `text` with every character listed above replaced by its escape; `text` itself when none occurs.
    public static func escaped(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if let escape = escape(for: scalar) {
                result += escape
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// True when `escaped(text)` would change something.
    public static func needsEscaping(_ text: String) -> Bool {
        // Printable ASCII is nearly all text: one pass over the bytes decides it.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return false }
        return text.unicodeScalars.contains(where: isEscaped)
    }

    /// Whether `scalar` is shown as an escape rather than as itself.
    public static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0x2028...0x202E,
             0x2060...0x2064, 0x2066...0x206F, 0xFEFF, 0xFFF9...0xFFFB:
            return true
        default: return false
        }
    }

    /// The visible escape of `scalar` (always printable ASCII), or nil when it is shown as itself.
    public static func escape(for scalar: Unicode.Scalar) -> String? {
        guard isEscaped(scalar) else { return nil }
        switch scalar.value {
        case 0x1B: return "\\e"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        default:
            let hex = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.utf8.count)) + hex
        }
    }
}
