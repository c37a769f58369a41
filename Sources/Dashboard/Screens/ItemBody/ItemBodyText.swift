/// The item body screen's text lines for a width: the answer or error first, then the raw JSON,
/// wrapped to the width when `wrap` is on. `reduce` counts them for the scroll; `render` draws them.
enum ItemBodyText {
    /// One line as drawn: its text and whether it is a section heading.
    struct Line: Hashable {
        var text: String
        var heading: Bool = false
    }

    static func lines(_ body: ItemBodyScreen, width: Int) -> [Line] {
        guard let content = body.content else { return [] }
        let textWidth = max(1, width - 2)
        var lines: [Line] = []
        func add(_ text: String) {
            if body.wrap {
                lines += TextWrap.lines(text, width: textWidth).map { Line(text: $0) }
            } else {
                lines.append(Line(text: text))
            }
        }
        if let label = content.headlineLabel {
            lines.append(Line(text: label, heading: true))
            content.headlineLines.forEach(add)
            lines.append(Line(text: ""))
        }
        lines.append(Line(text: "result (JSON)", heading: true))
        if body.wrap {
            for text in content.json { lines += indentedLines(text, width: textWidth).map { Line(text: $0) } }
        } else {
            content.json.forEach(add)
        }
        return lines
    }

    /// A pretty-printed JSON line wrapped with its continuation lines at its own indent, so a long
    /// string value stays inside its object instead of running back to the left edge (where it
    /// read as a key of the outer object). An indent wider than half the line is not kept.
    static func indentedLines(_ text: String, width: Int) -> [String] {
        guard TextWidth.of(text) > width else { return [text] }
        let indent = text.prefix { $0 == " " }.count
        guard indent > 0, indent <= width / 2 else { return TextWrap.lines(text, width: width) }
        let pad = String(repeating: " ", count: indent)
        return TextWrap.lines(String(text.dropFirst(indent)), width: width - indent).map { pad + $0 }
    }

    /// The widest line unwrapped, for how far ← → may scroll.
    static func widest(_ body: ItemBodyScreen) -> Int {
        guard let content = body.content else { return 0 }
        return (content.headlineLines + content.json).reduce(0) { max($0, TextWidth.of($1)) }
    }
}
