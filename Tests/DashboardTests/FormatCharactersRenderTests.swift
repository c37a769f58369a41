import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Issue 16 item 15: an invisible format character (ZERO WIDTH SPACE) in a custom_id or a project is
/// shown escaped on screen, as TAB is, rather than dropped as a zero-width cell. The escape itself is
/// `TerminalText`'s (MeshAPI, the `clientsafety` branch adds U+200B and its kin); the dashboard's every
/// text path writes through it, which this checks on the list, the detail pane and the items.
@Suite struct FormatCharactersRenderTests {
    @Test(.disabled(if: !TerminalText.isEscaped("\u{200B}"), "waits for TerminalText to escape U+200B (clientsafety)"))
    func zeroWidthSpaceShowsEscapedInEveryView() throws {
        let escape = try #require(TerminalText.escape(for: "\u{200B}"))
        let batch = Fixtures.batch(1, status: .completed, total: 2, completed: 2, project: "pro\u{200B}ject",
                                   results: [Fixtures.okResult("id\u{200B}-1"), Fixtures.okResult("id-2")])
        var state = Fixtures.loaded([batch], width: 120, height: 40)
        let list = renderPlainText(render(state, width: 120, height: 40))
        #expect(list.contains("pro\(escape)ject"), "\(list)")
        #expect(!list.unicodeScalars.contains("\u{200B}"))
        _ = reduce(&state, .key(.enter))
        let items = renderPlainText(render(state, width: 120, height: 40))
        #expect(items.contains("id\(escape)-1"), "\(items)")
        #expect(!items.unicodeScalars.contains("\u{200B}"))
    }
}
