import Dashboard
import Foundation
import MeshAPI

/// An aligned plain-text table that fits a width: columns marked `flexible` give up space first,
/// truncated with an ellipsis at a display-column boundary. Measured by the dashboard's `TextWidth`
/// (wide characters count as two), and every cell is escaped by `TerminalText` before it is
/// measured: a server's escape sequence shows as `\e[2J`, and a newline as `\n` instead of
/// splitting the row. Only the table's own colours (added after alignment) reach the terminal.
struct OutputTable {
    struct Column {
        var title: String
        var flexible = false
        var rightAligned = false
    }

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
        let rows = rows.map { $0.map(TerminalText.escaped) }
        var widths = columns.indices.map { index in
            rows.reduce(TextWidth.of(columns[index].title)) { max($0, TextWidth.of($1[index])) }
        }
        if let width {
            let gaps = 2 * (columns.count - 1)
            var excess = widths.reduce(gaps, +) - width
            // Shrink the widest flexible column first, never below its title or 8 columns.
            while excess > 0 {
                let candidates = columns.indices.filter { columns[$0].flexible && widths[$0] > max(8, TextWidth.of(columns[$0].title)) }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
                excess -= 1
            }
        }
        var lines: [String] = []
        let header = columns.indices.map { TextWidth.fit(columns[$0].title, to: widths[$0], alignRight: columns[$0].rightAligned) }
        lines.append(Self.trimEnd(header.joined(separator: "  ")).withStyle(colour ? "1" : nil))
        for (rowIndex, row) in rows.enumerated() {
            let cells = columns.indices.map { index -> String in
                let text = TextWidth.fit(row[index], to: widths[index], alignRight: columns[index].rightAligned)
                return text.withStyle(colour ? colours[rowIndex][index] : nil)
            }
            lines.append(Self.trimEnd(cells.joined(separator: "  ")))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func trimEnd(_ text: String) -> String {
        var text = text
        while text.hasSuffix(" ") { text.removeLast() }
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
