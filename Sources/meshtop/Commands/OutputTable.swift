import Foundation

/// An aligned plain-text table that fits a width: columns marked `flexible` give up space first,
/// truncated with an ellipsis at a display-column boundary (wide characters count as two).
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
        var widths = columns.indices.map { index in
            rows.reduce(Self.displayWidth(columns[index].title)) { max($0, Self.displayWidth($1[index])) }
        }
        if let width {
            let gaps = 2 * (columns.count - 1)
            var excess = widths.reduce(gaps, +) - width
            // Shrink the widest flexible column first, never below its title or 8 columns.
            while excess > 0 {
                let candidates = columns.indices.filter { columns[$0].flexible && widths[$0] > max(8, Self.displayWidth(columns[$0].title)) }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
                excess -= 1
            }
        }
        var lines: [String] = []
        let header = columns.indices.map { Self.pad(columns[$0].title, widths[$0], right: columns[$0].rightAligned) }
        lines.append(Self.trimEnd(header.joined(separator: "  ")).withStyle(colour ? "1" : nil))
        for (rowIndex, row) in rows.enumerated() {
            let cells = columns.indices.map { index -> String in
                let text = Self.pad(Self.truncate(row[index], to: widths[index]), widths[index], right: columns[index].rightAligned)
                return text.withStyle(colour ? colours[rowIndex][index] : nil)
            }
            lines.append(Self.trimEnd(cells.joined(separator: "  ")))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Terminal columns a string takes. Glibc's `wcwidth` does not import into Swift, so this covers
    /// the cases that matter for ids, models and metadata: combining marks and controls take none,
    /// East Asian wide and emoji ranges take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let value = scalar.value
            if value < 0x20 || (0x7F..<0xA0).contains(value) { return total }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return total
            default: break
            }
            if (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value)
                || (0x20000...0x3FFFD).contains(value) {
                return total + 2
            }
            return total + 1
        }
    }

    static func truncate(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = displayWidth(String(character))
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }

    static func pad(_ text: String, _ width: Int, right: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, width - displayWidth(text)))
        return right ? padding + text : text + padding
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
