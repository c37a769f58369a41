import Foundation
import MeshAPI

/// The message line, the key hints and the box overlays are drawn in.
extension DashboardRenderer {
    mutating func drawMessageLine() {
        let row = layout.messageRow
        // The list's position at the right, as vim's ruler: the selected row of the rows shown, at
        // every width and whether the detail pane is shown, hidden or zoomed. What is said on the
        // left gives way to it.
        var ruler = ""
        // (Not in a screen grab: no one moves a selection there.)
        if case .list = state.route, !state.options.screenGrab, let position = state.list.position { ruler = position + " " }
        let rulerWidth = TextWidth.of(ruler)
        let room = max(0, layout.width - (rulerWidth > 0 ? rulerWidth + 1 : 0))
        if rulerWidth > 0, rulerWidth < layout.width {
            screen.write(ruler, row: row, column: layout.width - rulerWidth, role: .dim)
        }
        if let typing = state.typing {
            let prompt = state.itemsScreen != nil ? " search /" : state.list.jump.editing ? " jump to batch id: " : " /"
            var x = screen.write(prompt, row: row, column: 0, role: .key, limit: room)
            x += screen.write(typing.text, row: row, column: x, role: .normal, limit: max(0, room - 1 - x))
            screen.write("▏", row: row, column: x, role: .key, limit: max(0, room - x))
            screen.cursor = (row, x)
            return
        }
        if let message = state.message {
            // New, it reads as news; after `fadeSeconds` faint; after `goneSeconds` a tick clears it.
            let age = state.now.timeIntervalSince(message.at)
            let faded = age >= StatusMessage.fadeSeconds
            changes(in: (faded ? StatusMessage.goneSeconds : StatusMessage.fadeSeconds) - age)
            screen.write(" " + message.text, row: row, column: 0, role: faded ? .dim : message.isError ? .error : .message,
                         limit: room)
        } else if !state.list.filter.text.isEmpty, case .list = state.route {
            screen.write(" filter /\(state.list.filter.text) (Esc clears)", row: row, column: 0, role: .dim, limit: room)
        }
    }

    /// The footer: the bindings of whoever has the keys that can act now, generated from `Keymap`.
    /// `? help` and `q quit` are kept at every width the screen allows: they are the way to
    /// everything else and the way out.
    mutating func drawHints() {
        let row = layout.hintsRow
        screen.fill(row: row, column: 0, width: layout.width, height: 1, role: .hint)
        let offered = Keymap.offered(in: state.keyContext, readonly: state.options.readonly)
            .map { $0.offered(in: state) }
            .filter { $0.inFooter && $0.enabled }
        let kept = offered.filter { $0.command == .help || $0.command == .quit }
        let rest = offered.filter { $0.command != .help && $0.command != .quit }
        func width(_ key: OfferedKey) -> Int { TextWidth.of(key.footerLabel) + 1 + TextWidth.of(key.label) + 2 }
        let tag = state.options.readonly ? "readonly " : ""
        var room = layout.width - 1 - kept.reduce(0) { $0 + width($1) } - TextWidth.of(tag)
        var shown: [OfferedKey] = []
        for key in rest {
            guard width(key) <= room else { break }
            shown.append(key)
            room -= width(key)
        }
        var x = 1
        for key in shown + kept {
            guard x + width(key) <= layout.width + 2 else { break }
            x += screen.write(key.footerLabel, row: row, column: x, role: .key)
            x += screen.write(" " + key.label + "  ", row: row, column: x, role: .hint, limit: layout.width - x)
        }
        if !tag.isEmpty, x + TextWidth.of(tag) <= layout.width {
            screen.write(tag, row: row, column: layout.width - TextWidth.of(tag), role: .hint)
        }
    }

    /// Draws a bordered box and returns its inner rectangle.
    mutating func drawBox(width: Int, height: Int, title: String) -> Layout.Rect {
        let w = min(width, layout.width - 2), h = min(height, layout.height - 2)
        let top = (layout.height - h) / 2, left = (layout.width - w) / 2
        screen.fill(row: top, column: left, width: w, height: h, role: .dialog)
        screen.write("┌" + String(repeating: "─", count: max(0, w - 2)) + "┐", row: top, column: left, role: .dialog)
        for y in (top + 1)..<(top + h - 1) {
            screen.write("│", row: y, column: left, role: .dialog)
            screen.write("│", row: y, column: left + w - 1, role: .dialog)
        }
        screen.write("└" + String(repeating: "─", count: max(0, w - 2)) + "┘", row: top + h - 1, column: left, role: .dialog)
        screen.write(" \(title) ", row: top, column: left + 2, role: .dialog, limit: w - 4)
        return Layout.Rect(row: top + 1, column: left + 2, width: w - 4, height: h - 2)
    }
}
