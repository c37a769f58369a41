/// Where each part of the screen goes for a size. `reduce` uses it to keep the selection visible
/// and to map mouse clicks; `render` uses it to draw, so both always agree.
public struct Layout: Hashable, Sendable {
    public struct Rect: Hashable, Sendable {
        public var row: Int, column: Int, width: Int, height: Int
    }

    public static let minimumWidth = 60
    public static let minimumHeight = 15
    /// From this width on, the detail pane sits beside the list instead of below it.
    public static let sideBySideWidth = 120

    public let width: Int
    public let height: Int
    public let tooSmall: Bool
    public let sideBySide: Bool
    /// The list pane, including its column-heading row.
    public let list: Rect
    public let detail: Rect
    /// The whole area between header and message line (items and body views use it all).
    public let body: Rect
    public var messageRow: Int { height - 2 }
    public var hintsRow: Int { height - 1 }
    /// Rows of batches the list shows.
    public var listRows: Int { max(0, list.height - 1) }
    public var listFirstRow: Int { list.row + 1 }
    /// The items view: a summary line, the errors by code, a column-heading row, then one row an item.
    public var itemsFirstRow: Int { body.row + 3 }
    public var itemRows: Int { max(0, body.height - 3) }

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        tooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        sideBySide = width >= Self.sideBySideWidth
        let bodyHeight = max(0, height - 4)
        body = Rect(row: 2, column: 0, width: width, height: bodyHeight)
        if sideBySide {
            // The list keeps 80 columns at 120; wider terminals give the detail pane up to 64.
            let detailWidth = max(40, min(64, width - 100))
            list = Rect(row: 2, column: 0, width: width - detailWidth, height: bodyHeight)
            detail = Rect(row: 2, column: width - detailWidth, width: detailWidth, height: bodyHeight)
        } else {
            let detailHeight = max(4, bodyHeight / 2)
            list = Rect(row: 2, column: 0, width: width, height: bodyHeight - detailHeight)
            detail = Rect(row: 2 + bodyHeight - detailHeight, column: 0, width: width, height: detailHeight)
        }
    }
}
