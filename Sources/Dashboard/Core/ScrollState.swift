/// Where a list or a pane is scrolled to, and what it knows of its extent: every list and pane of
/// the dashboard keeps one (ratatui's `ListState`, with the extent inside so no value can point
/// past what is shown). `count` and `page` are set by `reduce` whenever what is shown changes;
/// every change clamps, so `G` then `k` moves at once instead of first spending the overshoot.
///
///     var scroll = ScrollState.selecting
///     scroll.setExtent(count: 500, page: 20)
///     scroll.move(by: Int.max / 2)     // selected 499, offset 480
public struct ScrollState: Hashable, Sendable {
    /// First row shown.
    public private(set) var offset = 0
    /// The chosen row, for lists with a selection (nil when empty or for a plain viewport).
    public private(set) var selected: Int?
    /// Rows in all.
    public private(set) var count = 0
    /// Rows one screenful shows (at least 1).
    public private(set) var page = 1
    /// A list with a selection (the batch list, the items) or a viewport that only scrolls (panes).
    public let selects: Bool

    public static var selecting: ScrollState { ScrollState(selects: true) }
    public static var viewport: ScrollState { ScrollState(selects: false) }

    init(selects: Bool) { self.selects = selects }

    /// The largest offset: the last page shows full.
    public var maxOffset: Int { max(0, count - page) }

    /// The rows shown.
    public var visible: Range<Int> { offset..<min(count, offset + page) }

    /// Sets what there is to show and clamps. A selection stays on its row number when still there,
    /// else on the last row; a list that gains its first rows selects the first.
    public mutating func setExtent(count: Int, page: Int) {
        self.count = max(0, count)
        self.page = max(1, page)
        if selects {
            if self.count == 0 {
                selected = nil
            } else {
                selected = min(selected ?? 0, self.count - 1)
            }
        }
        clamp()
    }

    /// Moves the selection (or, for a viewport, the offset) by `delta` rows, clamped.
    public mutating func move(by delta: Int) {
        if selects {
            guard count > 0 else { return }
            select((selected ?? 0).addingClamped(delta))
        } else {
            offset = offset.addingClamped(delta)
            clamp()
        }
    }

    /// Selects row `index` (clamped) and scrolls it into view.
    public mutating func select(_ index: Int) {
        guard selects, count > 0 else { return }
        selected = min(max(0, index), count - 1)
        clamp()
    }

    /// Back to the first row.
    public mutating func reset() {
        offset = 0
        if selects { selected = count > 0 ? 0 : nil }
    }

    private mutating func clamp() {
        if let selected {
            if selected < offset { offset = selected }
            if selected >= offset + page { offset = selected - page + 1 }
        }
        offset = min(max(0, offset), maxOffset)
    }
}
