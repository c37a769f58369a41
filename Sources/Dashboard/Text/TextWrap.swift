/// Wrapping to a display width: at spaces where it can, inside a word only when one word is wider
/// than the line. Widths are `TextWidth`'s, so wide characters and emoji wrap where they end.
public enum TextWrap {
    /// `text` as lines of at most `width` columns (at least one line, possibly empty).
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        if TextWidth.of(text) <= width { return [text] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        // The line as it was at its last space: where it breaks when a word runs over.
        var lastBreak: (prefix: String, width: Int, rest: String, restWidth: Int)?
        for character in text {
            let w = TextWidth.of(character)
            if lineWidth + w > width {
                if let brk = lastBreak, !brk.prefix.isEmpty {
                    lines.append(brk.prefix)
                    line = brk.rest
                    lineWidth = brk.restWidth
                } else {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                lastBreak = nil
                if character == " " && line.isEmpty { continue }
            }
            line.append(character)
            lineWidth += w
            if character == " " {
                lastBreak = (String(line.dropLast()), lineWidth - 1, "", 0)
            } else if var brk = lastBreak {
                brk.rest.append(character)
                brk.restWidth += w
                lastBreak = brk
            }
        }
        lines.append(line)
        return lines
    }
}
