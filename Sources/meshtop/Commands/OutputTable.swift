import Dashboard
import Foundation
import MeshAPI

/// An aligned plain-text table that fits a width: columns marked `flexible` give up space first,
/// truncated with an ellipsis at a display-column boundary. Measured by the dashboard's `TextWidth`
/// (wide characters count as two), and every cell is escaped by `TerminalText` before it is
/// measured: a server's escape sequence shows as `\e[2J`, and a newline as `\n` instead of
/// splitting the row. Only the table's own colours (added after alignment) reach the terminal.
///
/// The last column is never padded (nothing follows it), so it needs no measuring: on a terminal it
/// takes the width the others leave, in a pipe it is written whole. In a pipe (no width) the other
/// columns are padded to at most `pipeColumnLimit`, and a wider cell is written whole and pushes
/// only its own row out of line: one 100 KiB error used to pad every one of 50,000 rows to 100 KiB.
/// A table too large to hold is written row by row: measure the rows (`Layout.measure`) or what
/// stands for them, then `header` and `line` each row as it is read.
struct OutputTable {
    struct Column {
        var title: String
        var flexible = false
        var rightAligned = false
    }

    /// Columns other than the last are padded to at most this in a pipe.
    static let pipeColumnLimit = 64

    var columns: [Column]
    var rows: [[String]] = []
    /// Per-row colour for one column's cell (ANSI SGR code), applied after alignment.
    var colours: [[Int: String]] = []

    init(columns: [Column]) { self.columns = columns }

    mutating func append(_ row: [String], colours: [Int: String] = [:]) {
        rows.append(row)
        self.colours.append(colours)
    }

    func render(width: Int?, colour: Bool) -> String {
        var layout = Layout(columns: columns)
        for row in rows { layout.measure(row) }
        let widths = layout.widths(fitting: width)
        var lines = [header(widths: widths, colour: colour)]
        for (index, row) in rows.enumerated() {
            lines.append(line(row, widths: widths, colours: colours[index], colour: colour))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The widest cell of each column so far.
    struct Layout {
        let columns: [Column]
        private(set) var measured: [Int]

        init(columns: [Column]) {
            self.columns = columns
            measured = columns.map { TextWidth.of($0.title) }
        }

        /// Takes a row's cells (raw: escaped here) into account; a row may leave out trailing cells.
        mutating func measure(_ row: [String]) {
            for (index, cell) in row.enumerated() where index < measured.count {
                measured[index] = max(measured[index], TextWidth.of(TerminalText.escaped(cell)))
            }
        }

        /// Each column's width: shrunk to `width` on a terminal (the widest flexible column first,
        /// never below its title or 8 columns; the last column then takes what is left), capped
        /// for padding in a pipe (`width` nil; the last column unlimited).
        func widths(fitting width: Int?) -> [Int] {
            var widths = measured
            guard let last = widths.indices.last else { return widths }
            guard let width else {
                for index in widths.indices { widths[index] = index == last ? Int.max : min(widths[index], OutputTable.pipeColumnLimit) }
                return widths
            }
            let gaps = 2 * (columns.count - 1)
            var excess = widths.reduce(gaps, +) - width
            while excess > 0 {
                let floor = { (index: Int) in max(8, TextWidth.of(columns[index].title)) }
                let candidates = columns.indices.filter { columns[$0].flexible && widths[$0] > floor($0) }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                // Down to the next widest in one step (not one column at a time: a 100 KiB cell).
                let next = candidates.filter { $0 != widest }.map { widths[$0] }.max() ?? 0
                let step = max(1, min(excess, widths[widest] - max(floor(widest), next)))
                widths[widest] -= step
                excess -= step
            }
            widths[last] = max(widths[last], width - widths.dropLast().reduce(gaps, +))
            return widths
        }
    }

    func header(widths: [Int], colour: Bool) -> String {
        line(columns.map(\.title), widths: widths, colours: [:], colour: false).withStyle(colour ? "1" : nil)
    }

    /// One row, aligned to `widths` (from `Layout.widths(fitting:)`), with its colours.
    func line(_ row: [String], widths: [Int], colours: [Int: String], colour: Bool) -> String {
        let inPipe = widths.last == Int.max
        var text = ""
        for index in columns.indices {
            let cell = TerminalText.escaped(index < row.count ? row[index] : "")
            let shown: String
            if index == columns.count - 1 && (inPipe || !columns[index].rightAligned) {
                // In a pipe the last column is written as it is, right-aligned or not: its width
                // there is unbounded (`Int.max`), and padding to it would never end.
                shown = inPipe ? cell : TextWidth.truncate(cell, to: widths[index])
            } else if inPipe && TextWidth.of(cell) > widths[index] {
                // A pipe gets whole values: this row goes out of line rather than the value being cut.
                shown = cell
            } else {
                shown = TextWidth.fit(cell, to: widths[index], alignRight: columns[index].rightAligned)
            }
            if index > 0 { text += "  " }
            text += shown.withStyle(colour ? colours[index] : nil)
        }
        while text.utf8.last == UInt8(ascii: " ") { text.removeLast() }
        return text
    }
}

extension String {
    /// Wraps in an ANSI SGR sequence; nil leaves the text alone.
    func withStyle(_ code: String?) -> String {
        guard let code else { return self }
        return "\u{1B}[\(code)m\(self)\u{1B}[0m"
    }
}
