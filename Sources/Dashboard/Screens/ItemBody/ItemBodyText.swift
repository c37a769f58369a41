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
        content.json.forEach(add)
        return lines
    }

    /// The widest line unwrapped, for how far ← → may scroll.
    static func widest(_ body: ItemBodyScreen) -> Int {
        guard let content = body.content else { return 0 }
        return (content.headlineLines + content.json).reduce(0) { max($0, TextWidth.of($1)) }
    }
}
