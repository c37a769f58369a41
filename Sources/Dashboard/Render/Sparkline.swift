/// Values as a row of block glyphs, lowest `▁` to highest `█`, scaled to the largest value.
enum Sparkline {
    static let glyphs: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The last `width` values drawn; empty when there are none.
    static func draw(_ values: [Double], width: Int) -> String {
        let shown = values.suffix(max(0, width))
        guard let top = shown.max(), top > 0 else { return String(repeating: glyphs[0], count: shown.count) }
        return String(shown.map { value in
            let level = Int((max(0, value) / top * Double(glyphs.count - 1)).rounded())
            return glyphs[min(glyphs.count - 1, max(0, level))]
        })
    }
}
