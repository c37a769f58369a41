/// Drawing text into a screen: the only way `render` puts characters into cells, so widths,
/// clipping and escaping are handled once. Text from the API (metadata, custom_ids, error messages)
/// goes into cells escaped by `TerminalText` (through `TextWidth.truncate`): no cell ever holds a
/// character that would drive the terminal instead of showing.
extension Screen {
    /// Writes `text` at (row, column), clipped to `limit` columns (default: to the right edge),
    /// truncated with "…" when cut. Returns the number of columns written.
    @discardableResult
    public mutating func write(_ text: String, row: Int, column: Int, role: StyleRole = .normal, limit: Int? = nil) -> Int {
        guard row >= 0, row < height, column < width else { return 0 }
        let available = min(limit ?? (width - column), width - column)
        guard available > 0 else { return 0 }
        // Most of a frame is printable ASCII: one byte, one column, no grapheme breaking needed.
        if TextWidth.isPrintableASCII(text) {
            if text.utf8.count <= available {
                var x = column
                for byte in text.utf8 {
                    if x >= 0 { self[row, x] = Cell(text: TextWidth.asciiCells[Int(byte) - 0x20], role: role) }
                    x += 1
                }
                return x - column
            }
        }
        var x = column
        for character in TextWidth.truncate(text, to: available) {
            let w = TextWidth.of(character)
            guard w > 0 else { continue }
            guard x >= 0 else { x += w; continue }
            if w == 2, x + 1 >= column + available { break }
            self[row, x] = Cell(text: String(character), role: role)
            if w == 2 { self[row, x + 1] = Cell(text: "", role: role, continuation: true) }
            x += w
        }
        return x - column
    }

    /// Writes `text` as a column of exactly `width` cells: truncated with "…" or padded with spaces of
    /// `role` (right-aligned when asked), clipped to `limit`. The same cells as writing
    /// `TextWidth.fit(text, to: width)`, without building the padded string: list rows are made of these.
    public mutating func write(_ text: String, row: Int, column: Int, fitting width: Int, alignRight: Bool = false,
                               role: StyleRole = .normal, limit: Int) {
        // Measured once: this runs for every column of every list row on every frame.
        var shown = text
        var shownWidth = TextWidth.of(text)
        if shownWidth > width {
            shown = TextWidth.truncate(text, to: width)
            shownWidth = TextWidth.of(shown)
        }
        let padding = max(0, width - shownWidth)
        let textColumn = alignRight ? column + padding : column
        let padColumn = alignRight ? column : column + width - padding
        let end = column + min(width, limit)
        if padColumn < end { repeatGlyph(" ", count: padding, row: row, column: padColumn, role: role, limit: end - padColumn) }
        if textColumn < end { write(shown, row: row, column: textColumn, role: role, limit: end - textColumn) }
    }

    /// Writes `count` copies of a one-column `glyph` (bars, rules) straight into cells, clipped to
    /// `limit` columns. Returns the number of columns written.
    @discardableResult
    public mutating func repeatGlyph(_ glyph: String, count: Int, row: Int, column: Int, role: StyleRole, limit: Int) -> Int {
        guard row >= 0, row < height, column >= 0 else { return 0 }
        let written = max(0, min(count, limit, width - column))
        for x in column..<column + written { self[row, x] = Cell(text: glyph, role: role) }
        return written
    }

    /// Sets `role` on `count` cells from (row, column), keeping their text: for highlights. Cells in
    /// `sparing` keep their role too: a bar inside a selected row, whose blocks reversed would paint
    /// their cells in the background colour and read as empty.
    public mutating func paint(row: Int, column: Int, count: Int, role: StyleRole, sparing: Range<Int> = 0..<0) {
        guard row >= 0, row < height else { return }
        for x in max(0, column)..<max(max(0, column), min(width, column + count)) where !sparing.contains(x) {
            var cell = self[row, x]
            cell.role = role
            self[row, x] = cell
        }
    }

    /// Fills a rectangle with blanks of `role`.
    public mutating func fill(row: Int, column: Int, width fillWidth: Int, height fillHeight: Int, role: StyleRole) {
        for y in max(0, row)..<max(max(0, row), min(height, row + fillHeight)) {
            for x in max(0, column)..<max(max(0, column), min(width, column + fillWidth)) {
                self[y, x] = Cell(text: " ", role: role)
            }
        }
    }
}
