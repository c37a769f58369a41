/// Where a list or a pane is scrolled to: the first row shown and, for lists, the chosen row. It
/// holds no extent: how many rows there are and how many a page shows are facts of the data and the
/// terminal, computed where they are needed (`ScrollExtent`) and handed to every move, which clamps
/// first. So `G` then `k` moves at once, and a value that a resize or a shorter text left past the
/// end is clamped by the next move and by drawing (`clamped(to:)`), never stored as a second fact.
///
///     var scroll = ScrollState.selecting
///     let extent = ScrollExtent(count: 500, page: 20)
///     scroll.move(by: Int.max / 2, in: extent)     // selected 499, offset 480
public struct ScrollState: Hashable, Sendable {
    /// First row shown.
    public internal(set) var offset = 0
    /// The chosen row, for lists with a selection (nil when empty or for a plain viewport).
    public internal(set) var selected: Int?
    /// A list with a selection (the batch list, the items) or a viewport that only scrolls (panes).
    public let selects: Bool

    public static var selecting: ScrollState { ScrollState(selects: true) }
    public static var viewport: ScrollState { ScrollState(selects: false) }

    init(selects: Bool, offset: Int = 0, selected: Int? = nil) {
        self.selects = selects
        self.offset = offset
        self.selected = selected
    }

    /// A selecting list scrolled to `offset` with row `selected` chosen (tests state expectations so).
    static func selecting(offset: Int = 0, selected: Int?) -> ScrollState {
        ScrollState(selects: true, offset: offset, selected: selected)
    }

    /// A viewport scrolled to `offset`.
    static func viewport(offset: Int) -> ScrollState { ScrollState(selects: false, offset: offset) }

    /// This scroll as it applies to `extent`: the selection on a row that exists, in view, and the
    /// offset no further than the last full page. Drawing reads this; every move starts from it.
    public func clamped(to extent: ScrollExtent) -> ScrollState {
        var copy = self
        if selects {
            copy.selected = extent.count == 0 ? nil : min(max(0, selected ?? 0), extent.count - 1)
        }
        if let selected = copy.selected {
            if selected < copy.offset { copy.offset = selected }
            if selected >= copy.offset + extent.page { copy.offset = selected - extent.page + 1 }
        }
        copy.offset = min(max(0, copy.offset), extent.maxOffset)
        return copy
    }

    /// The rows shown for `extent`.
    public func visible(in extent: ScrollExtent) -> Range<Int> {
        let offset = clamped(to: extent).offset
        return offset..<min(extent.count, offset + extent.page)
    }

    /// Moves the selection (or, for a viewport, the offset) by `delta` rows, clamped to `extent`.
    public mutating func move(by delta: Int, in extent: ScrollExtent) {
        self = clamped(to: extent)
        if selects {
            guard let selected else { return }
            select(selected.addingClamped(delta), in: extent)
        } else {
            offset = offset.addingClamped(delta)
            self = clamped(to: extent)
        }
    }

    /// Selects row `index` (clamped) and scrolls it into view.
    public mutating func select(_ index: Int, in extent: ScrollExtent) {
        guard selects, extent.count > 0 else { return }
        selected = min(max(0, index), extent.count - 1)
        self = clamped(to: extent)
    }

    /// Back to the first row (the first selected when there are rows).
    public mutating func reset(count: Int) {
        offset = 0
        if selects { selected = count > 0 ? 0 : nil }
    }

    /// After the rows changed: no selection when there are none, the first when a list gains its
    /// first rows, the last when the selected row is gone. The offset is the next draw's or move's.
    public mutating func settle(count: Int) {
        guard selects else { return }
        selected = count == 0 ? nil : min(selected ?? 0, count - 1)
    }
}

/// How many rows a list or pane has and how many one screenful shows: computed from the state and
/// the layout where a move or a frame needs it, never stored.
public struct ScrollExtent: Hashable, Sendable {
    public var count: Int
    public var page: Int

    public init(count: Int, page: Int) {
        self.count = max(0, count)
        self.page = max(1, page)
    }

    /// The largest offset: the last page shows full.
    public var maxOffset: Int { max(0, count - page) }
}
