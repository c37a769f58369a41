import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// One scroll type for every list and pane: it knows its extent, so no value points past what is
/// shown and `G` then `k` moves at once.
@Suite struct ScrollStateTests {
    typealias F = Fixtures

    @Test func aSelectingListClampsToItsExtent() {
        var scroll = ScrollState.selecting
        #expect(scroll.selected == nil && scroll.offset == 0 && scroll.count == 0 && scroll.page == 1)
        scroll.setExtent(count: 500, page: 20)
        #expect(scroll.selected == 0, "a list that gains its first rows selects the first")
        scroll.move(by: Int.max / 2)
        #expect(scroll.selected == 499 && scroll.offset == 480)
        #expect(scroll.visible == 480..<500)
        scroll.move(by: -1)
        #expect(scroll.selected == 498 && scroll.offset == 480, "one step up moves at once")
        scroll.move(by: Int.min / 2)
        #expect(scroll.selected == 0 && scroll.offset == 0)
        scroll.select(10_000)
        #expect(scroll.selected == 499)
        // The list shrinks: the selection goes to the last row, the offset to the last full page.
        scroll.setExtent(count: 100, page: 20)
        #expect(scroll.selected == 99 && scroll.offset == 80 && scroll.maxOffset == 80)
        // A taller page shows everything from the top.
        scroll.setExtent(count: 100, page: 200)
        #expect(scroll.offset == 0 && scroll.selected == 99)
        scroll.setExtent(count: 0, page: 20)
        #expect(scroll.selected == nil && scroll.offset == 0 && scroll.visible.isEmpty)
        scroll.move(by: 3)
        #expect(scroll.selected == nil && scroll.offset == 0)
        // A zero or negative page is taken as one row.
        scroll.setExtent(count: -5, page: 0)
        #expect(scroll.count == 0 && scroll.page == 1)
    }

    @Test func aViewportNeverScrollsPastItsLastPage() {
        var scroll = ScrollState.viewport
        scroll.setExtent(count: 30, page: 10)
        #expect(scroll.selected == nil)
        scroll.move(by: Int.max / 2)
        #expect(scroll.offset == 20)
        scroll.move(by: -1)
        #expect(scroll.offset == 19, "G then k moves at once")
        scroll.setExtent(count: 12, page: 10)
        #expect(scroll.offset == 2)
        scroll.select(5)
        #expect(scroll.selected == nil, "a viewport has no selection")
        scroll.reset()
        #expect(scroll.offset == 0)
    }

    /// The item body at 60x15: `G` goes to the last page, `k` moves up one line at once (the offset
    /// is clamped in `reduce`, not only when drawn).
    @Test func endThenUpMovesAtOnceInTheItemBody() throws {
        var state = F.loaded(F.mixed, width: 60, height: 15)
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.enter))
        _ = reduce(&state, .key(.character("G")))
        _ = reduce(&state, .key(.enter))
        let screen = try #require(state.itemsScreen)
        let customID = try #require(state.itemBodyScreen?.customID)
        _ = reduce(&state, .itemBodyLoaded(batchID: screen.batchID, customID: customID,
                                           F.json(F.failedResult(customID))))
        var body = try #require(state.itemBodyScreen)
        let page = Layout(width: 60, height: 15).bodyTextRows
        #expect(body.scroll.page == page)
        #expect(body.scroll.count == ItemBodyText.lines(body, width: 60).count)
        try #require(body.scroll.count > page, "the body must be longer than the screen for this test")
        var store = ReducerStore(state)
        store.send(.key(.character("G"))) {
            body.scroll.move(by: Int.max / 2)
            $0.route = .itemBody(screen, body)
        }
        #expect(store.state.itemBodyScreen?.scroll.offset == body.scroll.count - page)
        store.send(.key(.character("k"))) {
            body.scroll.move(by: -1)
            $0.route = .itemBody(screen, body)
        }
        #expect(store.state.itemBodyScreen?.scroll.offset == body.scroll.count - page - 1)
        // A wider terminal wraps less: the extent follows at once, and the offset with it.
        let wide = Layout(width: 200, height: 15)
        store.send(.resize(width: 200, height: 15)) {
            $0.width = 200
            body.scroll.setExtent(count: ItemBodyText.lines(body, width: 200).count, page: wide.bodyTextRows)
            $0.route = .itemBody(screen, body)
            $0.list.scroll.setExtent(count: 5, page: max(1, wide.listRows))
            $0.list.detailScroll.setExtent(count: scrollDetailLines($0), page: max(1, wide.detailRows))
        }
        let after = try #require(store.state.itemBodyScreen?.scroll)
        #expect(after.offset <= after.maxOffset)
    }

    /// The detail pane with the keys (Tab) at 60x15: `G` then `k` moves at once.
    @Test func endThenUpMovesAtOnceInTheDetailPane() throws {
        var store = ReducerStore(F.loaded(F.mixed, width: 60, height: 15))
        let detail = store.state.list.detailScroll
        try #require(detail.count > detail.page, "the detail pane must be longer than its rows")
        store.send(.key(.tab)) { $0.list.focus = .detail }
        store.send(.key(.character("G"))) { $0.list.detailScroll.move(by: Int.max / 2) }
        #expect(store.state.list.detailScroll.offset == detail.count - detail.page)
        store.send(.key(.character("k"))) { $0.list.detailScroll.move(by: -1) }
        #expect(store.state.list.detailScroll.offset == detail.count - detail.page - 1)
        #expect(store.state.list.scroll.selected == 0, "the list's selection did not move")
    }

    /// The help at 60x15 is cut by the screen, and scrolls: `G` shows its last entry.
    @Test func helpScrollsToItsLastEntryAt60x15() throws {
        var store = ReducerStore(F.loaded(F.mixed, width: 60, height: 15))
        let layout = Layout(width: 60, height: 15)
        var scroll = ScrollState.viewport
        store.send(.key(.character("?"))) {
            let lines = HelpContent.lines(for: $0).count
            scroll.setExtent(count: lines, page: layout.helpRows(lines: lines))
            $0.overlay = .help(scroll)
        }
        #expect(scroll.count > scroll.page, "at 60x15 the help does not fit")
        store.send(.key(.character("G"))) {
            scroll.move(by: Int.max / 2)
            $0.overlay = .help(scroll)
        }
        #expect(scroll.visible.upperBound == scroll.count, "the last entry is shown")
        let lines = HelpContent.lines(for: store.state)
        guard case .text(let last) = lines.last else { Issue.record("the help ends with a text line"); return }
        let text = renderPlainText(render(store.state, width: 60, height: 15))
        #expect(text.contains(String(last.prefix(20))), "\(text)")
        store.send(.key(.character("k"))) {
            scroll.move(by: -1)
            $0.overlay = .help(scroll)
        }
        store.send(.key(.pageDown)) {
            scroll.move(by: scroll.page)
            $0.overlay = .help(scroll)
        }
        #expect(scroll.visible.upperBound == scroll.count)
        store.send(.key(.escape)) { $0.overlay = .none }
    }

    @Test func theFooterKeepsHelpAndQuitAt60x15() {
        let state = F.loaded(F.mixed, width: 60, height: 15)
        let footer = renderPlainText(render(state, width: 60, height: 15)).split(separator: "\n", omittingEmptySubsequences: false)
        let last = footer.last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? ""
        #expect(last.contains("help") && last.contains("quit"), "\(last)")
    }
}

private func scrollDetailLines(_ state: DashboardState) -> Int {
    state.selectedBatch.map { DetailContent(state: state, batch: $0, width: state.layout.detailTextWidth).lines.count } ?? 0
}
