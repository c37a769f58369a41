/// Maps a theme colour to a palette index the terminal has (-1 is the terminal's default).
/// `#RRGGBB` goes to the nearest of the first `colors` entries of the xterm palette: 8, 16 or 256.
public struct ColorMapper: Sendable {
    public let colors: Int
    private let palette: [(Int, Int, Int)]

    public init(colors: Int) {
        self.colors = colors
        palette = Array(Self.xtermPalette.prefix(max(0, min(colors, 256))))
    }

    public func index(for color: ThemeColor) -> Int {
        switch color {
        case .terminalDefault:
            return -1
        case .index(let index):
            if index < colors { return index }
            // Bright ANSI colours (8-15) fold onto the eight basic ones on an 8-colour terminal.
            return index < 16 && colors >= 8 ? index % 8 : nearest(Self.xtermPalette[min(index, 255)])
        case .rgb(let red, let green, let blue):
            return nearest((red, green, blue))
        }
    }

    /// A role's foreground and background as palette indexes, and whether the foreground must be drawn
    /// faint instead. A foreground that would land on its own background is unreadable: with eight
    /// colours `bright-black` folds onto black, so the default theme's dim text (ages, the bars' to-do
    /// dots) vanished on a dark xterm; a dark grey `#RRGGBB` on a near-black background does the same.
    /// Such a foreground becomes the terminal's own, drawn faint (A_DIM), readable on light and dark.
    public func pair(for style: RoleStyle) -> (foreground: Int, background: Int, faint: Bool) {
        let foreground = index(for: style.foreground)
        let background = index(for: style.background)
        let lostBrightBlack = style.foreground == .index(8) && colors < 16
        let collides = foreground >= 0 && foreground == background && style.foreground != style.background
        let againstDefaultBlack = foreground == 0 && background < 0 && style.foreground != .index(0)
        if lostBrightBlack || collides || againstDefaultBlack { return (-1, background, true) }
        return (foreground, background, false)
    }

    private func nearest(_ target: (Int, Int, Int)) -> Int {
        guard !palette.isEmpty else { return -1 }
        var best = 0
        var bestDistance = Int.max
        for (index, entry) in palette.enumerated() {
            // Weighted RGB distance: close enough to perceptual for picking among 8-256 colours.
            let dr = entry.0 - target.0, dg = entry.1 - target.1, db = entry.2 - target.2
            let distance = 2 * dr * dr + 4 * dg * dg + 3 * db * db
            if distance < bestDistance {
                bestDistance = distance
                best = index
            }
        }
        return best
    }

    /// xterm's default 256-colour palette: 16 ANSI colours, the 6x6x6 cube, 24 greys.
    static let xtermPalette: [(Int, Int, Int)] = {
        var result: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        let steps = [0, 95, 135, 175, 215, 255]
        for red in steps { for green in steps { for blue in steps { result.append((red, green, blue)) } } }
        for grey in 0..<24 { let level = 8 + grey * 10; result.append((level, level, level)) }
        return result
    }()
}
