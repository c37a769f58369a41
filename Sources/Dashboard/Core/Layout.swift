/// Where each part of the screen goes for a size. `reduce` uses it for page sizes and mouse
/// clicks; `render` uses it to draw, so both always agree.
public struct Layout: Hashable, Sendable {
    public struct Rect: Hashable, Sendable {
        public var row: Int, column: Int, width: Int, height: Int
    }

    public static let minimumWidth = 60
    public static let minimumHeight = 15
    /// From this width on the detail pane sits beside the list. Below it, it sits under the list at
    /// full width: at 120 columns a list of 80 and a pane of 40 both cut what they show (model names,
    /// projects, every long detail value), where a 120-column list and a 120-column pane below it
    /// cut neither. From 160 the list keeps at least 100 columns beside a pane of 60.
    public static let sideBySideWidth = 160

    public let width: Int
    public let height: Int
    public let tooSmall: Bool
    public let sideBySide: Bool
    /// Shown, hidden (the list has the whole body) or zoomed (the pane has it).
    public let detailPane: DetailPaneMode
    /// The list pane, including its column-heading row (no rows while the detail pane is zoomed).
    public let list: Rect
    public let detail: Rect
    /// The whole area between header and message line (items and body screens use it all).
    public let body: Rect
    public var messageRow: Int { height - 2 }
    public var hintsRow: Int { height - 1 }
    /// Rows of batches the list shows.
    public var listRows: Int { max(0, list.height - 1) }
    public var listFirstRow: Int { list.row + 1 }
    /// Lines the detail pane has for values, under its title.
    public var detailRows: Int { max(0, detail.height - 1) }
    /// Columns the detail pane has for text (a side pane gives two to its border).
    public var detailTextWidth: Int { max(0, sideBySide ? detail.width - 2 : detail.width) }
    /// The items screen: a summary line, the errors by code, a column-heading row, then one row an
    /// item, then the selected item's error on lines of its own.
    public var itemsFirstRow: Int { body.row + 3 }
    public var itemErrorRows: Int { body.height >= 14 ? 2 : 1 }
    public var itemRows: Int { max(1, body.height - 3 - itemErrorRows) }
    /// The item body: a title line, then text.
    public var bodyTextRows: Int { max(1, body.height - 1) }

    public init(width: Int, height: Int, detailPane: DetailPaneMode = .shown) {
        self.width = width
        self.height = height
        self.detailPane = detailPane
        tooSmall = width < Self.minimumWidth || height < Self.minimumHeight
        let bodyHeight = max(0, height - 4)
        body = Rect(row: 2, column: 0, width: width, height: bodyHeight)
        switch detailPane {
        case .hidden:
            sideBySide = false
            list = body
            detail = Rect(row: 2 + bodyHeight, column: 0, width: width, height: 0)
            return
        case .zoomed:
            sideBySide = false
            list = Rect(row: 2, column: 0, width: width, height: 0)
            detail = body
            return
        case .shown:
            sideBySide = width >= Self.sideBySideWidth
        }
        if sideBySide {
            let detailWidth = max(60, min(72, width - 130))
            list = Rect(row: 2, column: 0, width: width - detailWidth, height: bodyHeight)
            detail = Rect(row: 2, column: width - detailWidth, width: detailWidth, height: bodyHeight)
        } else {
            let detailHeight = max(4, bodyHeight / 2)
            list = Rect(row: 2, column: 0, width: width, height: bodyHeight - detailHeight)
            detail = Rect(row: 2 + bodyHeight - detailHeight, column: 0, width: width, height: detailHeight)
        }
    }

    /// The help box for `lines` lines of entries: as tall as they need, at most the screen less two.
    public func helpBox(lines: Int) -> Rect {
        let w = min(max(40, min(86, width - 2)), width - 2)
        let h = min(lines + 3, height - 2)
        return Rect(row: (height - h) / 2, column: (width - w) / 2, width: w, height: h)
    }

    /// Entry lines the help box shows at once (inside its border, above its last line).
    public func helpRows(lines: Int) -> Int { max(1, helpBox(lines: lines).height - 3) }
}
