/// The screen as plain text, one line a row, trailing spaces removed: for `--once` and snapshots.
/// `text` without the blank rows at its end: a `--once` grab ends where what it shows ends.
public func trimmingTrailingBlankRows(_ text: String) -> String {
    var rows = text.split(separator: "\n", omittingEmptySubsequences: false)
    while let last = rows.last, last.allSatisfy({ $0 == " " }) { rows.removeLast() }
    return rows.joined(separator: "\n") + "\n"
}

public func renderPlainText(_ screen: Screen) -> String {
    var lines: [String] = []
    lines.reserveCapacity(screen.height)
    for row in 0..<screen.height {
        var line = ""
        for column in 0..<screen.width {
            let cell = screen[row, column]
            if !cell.continuation { line += cell.text }
        }
        while line.last == " " { line.removeLast() }
        lines.append(line)
    }
    return lines.joined(separator: "\n") + "\n"
}

/// The second snapshot layer: each row's spans of one role other than `normal`, as
/// "row 3: 0-12 statusActive, 14-27 selected". Columns are cell columns, end exclusive.
public func renderRoleLayer(_ screen: Screen) -> String {
    var lines: [String] = []
    for row in 0..<screen.height {
        var spans: [String] = []
        var start = 0
        var role = screen.width > 0 ? screen[row, 0].role : .normal
        for column in 1...max(1, screen.width) {
            let next: StyleRole? = column < screen.width ? screen[row, column].role : nil
            if next != role {
                if role != .normal { spans.append("\(start)-\(column) \(role.rawValue)") }
                start = column
                if let next { role = next }
            }
        }
        if !spans.isEmpty { lines.append("row \(row): " + spans.joined(separator: ", ")) }
    }
    return lines.joined(separator: "\n") + "\n"
}
