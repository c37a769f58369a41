/// A pane as `tmux capture-pane -e -p` prints it, read back into characters with the attributes tmux
/// drew them with: what a terminal shows, not only the text. tmux writes SGR sequences only where the
/// attributes change, and carries them from one line to the next, so they are read as one stream.
struct StyledCapture {
    struct Cell: Equatable {
        var character: Character
        var reverse: Bool
        var bold: Bool
        /// Drawn faint (SGR 2, curses' A_DIM).
        var faint = false
        /// The foreground as tmux wrote it ("32", "38;5;114", "38;2;135;215;135"); nil for the default.
        var foreground: String?
    }

    private(set) var lines: [[Cell]] = []

    init(_ text: String) {
        var reverse = false
        var bold = false
        var faint = false
        var foreground: String?
        var line: [Cell] = []
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\u{1b}", scalars.first == "[" {
                scalars.removeFirst()
                var body = ""
                while let next = scalars.popFirst() {
                    if next.value >= 0x40 && next.value <= 0x7e {
                        if next == "m" { Self.apply(body, reverse: &reverse, bold: &bold, faint: &faint, foreground: &foreground) }
                        break
                    }
                    body.unicodeScalars.append(next)
                }
                continue
            }
            if scalar == "\n" {
                lines.append(line)
                line = []
                continue
            }
            line.append(Cell(character: Character(scalar), reverse: reverse, bold: bold, faint: faint, foreground: foreground))
        }
        if !line.isEmpty { lines.append(line) }
    }

    /// The text of line `index`, without attributes.
    func text(of index: Int) -> String { String(lines[index].map(\.character)) }

    /// Every cell whose character is one of `characters`, with the line it is on.
    func cells(showing characters: Set<Character>) -> [(line: Int, cell: Cell)] {
        lines.enumerated().flatMap { index, line in
            line.filter { characters.contains($0.character) }.map { (index, $0) }
        }
    }

    /// One SGR sequence's parameters (ECMA-48; 38/48 carry their colour's own parameters).
    private static func apply(_ body: String, reverse: inout Bool, bold: inout Bool, faint: inout Bool, foreground: inout String?) {
        let parameters = body.isEmpty ? ["0"] : body.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < parameters.count {
            let parameter = Int(parameters[index]) ?? 0
            switch parameter {
            case 0:
                reverse = false
                bold = false
                faint = false
                foreground = nil
            case 1: bold = true
            case 2: faint = true
            case 22:
                bold = false
                faint = false
            case 7: reverse = true
            case 27: reverse = false
            case 30...37, 90...97: foreground = String(parameter)
            case 39: foreground = nil
            case 38, 48:
                // 38;5;N or 38;2;R;G;B: the colour's own parameters are not attributes.
                let count = parameters.indices.contains(index + 1) && parameters[index + 1] == "2" ? 4 : 2
                let colour = parameters[index...min(parameters.count - 1, index + count)].joined(separator: ";")
                if parameter == 38 { foreground = colour }
                index += count
            default: break
            }
            index += 1
        }
    }
}
