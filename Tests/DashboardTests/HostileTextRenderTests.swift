import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// The dashboard draws metadata, models and custom_ids that anyone with a team key wrote: in the
/// list, the detail pane and the items view they show escaped (`\e[2J`, `\n`, `\u009b`), no cell
/// holds a control character, and a wide or escaped value does not move the columns after it.
@Suite struct HostileTextRenderTests {
    static func controls(in text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    @Test func hostileValuesAreDrawnEscapedInEveryView() {
        let hostile = Fixtures.batch(
            1, status: .completed, total: 3, completed: 2, failed: 1, model: "m\u{9B}2J\u{1B}[31m",
            project: "\u{1B}[2J\u{1B}[H\u{1B}[41mHACKED\nx",
            results: [Fixtures.okResult("a\u{1B}[2J\u{1B}[31m"), Fixtures.failedResult("b\nsplit", code: "e\u{1B}[1m"),
                      Fixtures.okResult("日本\u{9B}")])
        let plain = Fixtures.batch(2, model: "模型-😀", project: "fine")
        var state = Fixtures.loaded([hostile, plain], width: 120, height: 40)
        // Select the hostile batch (the newer plain one is first).
        _ = reduce(&state, .key(.down))
        #expect(state.list.selectedID == hostile.id)

        let list = renderPlainText(render(state, width: 120, height: 40))
        #expect(Self.controls(in: list).isEmpty, "\(list.debugDescription)")
        #expect(list.contains(#"m\u009b2J\e[31m"#), "the model, escaped: \(list)")
        #expect(list.contains(#"project      \e[2J\e[H\e[41mHACKED\nx"#), "the project in the detail pane: \(list)")
        // The AGE column starts at the same cell on both rows, after a wide and an escaped model.
        let rows = list.split(separator: "\n").filter { $0.contains("00001XYZ") || $0.contains("00002XYZ") }
        let ages = rows.compactMap { row in row.range(of: " 9m ").map { TextWidth.of(String(row[..<$0.lowerBound])) } }
        #expect(rows.count >= 2 && Set(ages).count == 1, "\(rows)")

        _ = reduce(&state, .key(.enter))
        let items = renderPlainText(render(state, width: 120, height: 40))
        #expect(Self.controls(in: items).isEmpty, "\(items.debugDescription)")
        #expect(items.contains(#"a\e[2J\e[31m"#) && items.contains(#"b\nsplit"#) && items.contains(#"日本\u009b"#), "\(items)")
        #expect(items.contains(#"e\e[1m"#), "the error code, escaped: \(items)")
    }
}
