import MeshAPI

extension TextWidth {
    /// `text`, escaped, cut to at most `width` columns in its middle: its start and its end kept
    /// with "…" between (`llama-3.1-…instruct-q4`). Model names share their start and differ at
    /// the end (size, tuning, quantisation), which a cut at the end would lose. The start is cut
    /// back to a `-` when it would end inside a word (its columns go to the end), and an end that
    /// would start inside a word starts at its next `-` (its columns go to the start). Below 12 columns
    /// so little of either side is left that the end is cut instead (`gpt-4o-m…`).
    public static func truncateMiddle(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        guard width >= 12 else { return truncate(text, to: width) }
        let characters = Array(TerminalText.escaped(text))
        var head = 0, headWidth = 0
        while head < characters.count, headWidth + of(characters[head]) <= (width - 1) / 2 {
            headWidth += of(characters[head])
            head += 1
        }
        if head < characters.count, characters[head] != "-", let dash = characters[..<head].lastIndex(of: "-"), dash >= 2 {
            headWidth -= characters[(dash + 1)..<head].reduce(0) { $0 + of($1) }
            head = dash + 1
        }
        var tail = characters.count, tailWidth = 0
        while tail > head, tailWidth + of(characters[tail - 1]) <= width - 1 - headWidth {
            tailWidth += of(characters[tail - 1])
            tail -= 1
        }
        // An end that starts inside a word starts at its next `-` instead, and the columns freed go
        // back to the start: `mistral-s…-latest`, not `mistral-…l-latest`.
        if tail > head, tail < characters.count, characters[tail - 1] != "-", characters[tail] != "-",
           let dash = characters[tail..<characters.count - 1].firstIndex(of: "-") {
            var room = characters[tail..<dash].reduce(0) { $0 + of($1) }
            tail = dash
            while head < tail, of(characters[head]) <= room {
                room -= of(characters[head])
                head += 1
            }
        }
        return String(characters[..<head]) + "…" + String(characters[tail...])
    }
}
