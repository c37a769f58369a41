import MeshAPI

/// Display width of text in terminal columns, without curses: East Asian wide and fullwidth
/// characters and emoji take two columns, combining marks and format characters none. The one
/// measure for the dashboard and the scripting commands' tables.
///
/// Text is measured as it is shown: a control character (or another that `TerminalText` escapes)
/// takes the columns of its visible escape (`\e` two, `\u009b` six), and `truncate`/`fit` return
/// the escaped text, so whatever they hand to a screen or a table can never drive the terminal.
public enum TextWidth {
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let value = first.value
        if value >= 0x20 && value < 0x7F { return 1 }
        // A lone scalar below U+3000 (Latin, box drawing, the status glyphs): from the table, not
        // from Unicode property lookups, which were a tenth of a frame's cost.
        if value < UInt32(smallScalarWidths.count), scalars.index(after: scalars.startIndex) == scalars.endIndex {
            return Int(smallScalarWidths[Int(value)])
        }
        return measured(scalars)
    }

    /// Widths of the scalars below U+3000, each computed once by `measured`.
    static let smallScalarWidths: [UInt8] = (0..<0x3000).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return 1 }
        return UInt8(measured(String(scalar).unicodeScalars))
    }

    /// The width rules, for any grapheme's scalars.
    private static func measured(_ scalars: String.UnicodeScalarView) -> Int {
        guard let first = scalars.first else { return 0 }
        // Escaped characters are graphemes of their own (Grapheme_Cluster_Break=Control), apart
        // from CR LF: the width is that of their escapes.
        if TerminalText.isEscaped(first) {
            return scalars.reduce(0) { $0 + (TerminalText.escape(for: $1)?.utf8.count ?? 0) }
        }
        let value = first.value
        if value < 0x7F { return 1 }
        // An emoji presentation selector makes a text-default symbol (☺︎/☺️) two columns wide.
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        return isWide(value) ? 2 : 1
    }

    public static func of(_ text: String) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// Every character is printable ASCII (one column each): the fast path of measuring and writing.
    public static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// The cell text of each printable ASCII character, made once: a frame is thousands of them.
    static let asciiCells: [String] = (0x20..<0x7F).map { String(UnicodeScalar(UInt8($0))) }

    /// East Asian Wide (W) and Fullwidth (F) ranges of Unicode 15.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F2FF, 0x1F300...0x1F64F,
             0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text`, escaped by `TerminalText`, cut to at most `width` columns, ending in "…" when
    /// something was cut. Never splits a wide character or an escape's grapheme: a column left over
    /// becomes a space-free shorter result.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if isPrintableASCII(text) {
            let count = text.utf8.count
            if count <= width { return text }
            return String(decoding: text.utf8.prefix(width - 1), as: UTF8.self) + "…"
        }
        // Cut after escaping, so an escape is cut like any other text and never half sent raw.
        let text = TerminalText.escaped(text)
        var used = 0
        var index = text.startIndex
        // Fast path: fits.
        for character in text {
            used += of(character)
            if used > width { break }
            index = text.index(after: index)
        }
        if index == text.endIndex { return text }
        var result = ""
        used = 0
        for character in text {
            let w = of(character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// `text`, escaped, truncated or padded with spaces to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let padding = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? padding + cut : cut + padding
    }
}
