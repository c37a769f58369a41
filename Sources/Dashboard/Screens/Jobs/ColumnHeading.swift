/// A table's heading and its fixed width, built column by column: each title fitted to its
/// column's width with one space after it, and a column shown only at the widths it is given for.
/// The Jobs screen's two tables (jobs, and an opened job's attempts) share it.
struct ColumnHeading {
    /// The heading so far: a leading space for the selection marker, then each shown column.
    private(set) var text = " "

    mutating func add(_ title: String, _ width: Int, shown: Bool = true) {
        guard shown else { return }
        text += TextWidth.fit(title, to: width) + " "
    }

    /// The last column, which has no space after it.
    mutating func addLast(_ title: String, _ width: Int? = nil, shown: Bool = true) {
        guard shown else { return }
        text += width.map { TextWidth.fit(title, to: $0) } ?? title
    }

    /// The cells that columns of `widths` take with a space after each.
    static func span(_ widths: Int...) -> Int {
        widths.reduce(0) { $0 + $1 + 1 }
    }
}
