import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// One scroll type for every list and pane. It stores no extent: every move is given one and
/// clamps first, so `G` then `k` moves at once, and drawing clamps what a resize left behind.
@Suite struct ScrollStateTests {
    typealias F = Fixtures

    @Test func aSelectingListClampsToTheExtentItIsGiven() {
        var scroll = ScrollState.selecting
        let extent = ScrollExtent(count: 500, page: 20)
        #expect(scroll.selected == nil && scroll.offset == 0)
        scroll.settle(count: 500)
        #expect(scroll.selected == 0, "a list that gains its first rows selects the first")
        scroll.move(by: Int.max / 2, in: extent)
        #expect(scroll == .selecting(offset: 480, selected: 499))
        #expect(scroll.visible(in: extent) == 480..<500)
        scroll.move(by: -1, in: extent)
        #expect(scroll == .selecting(offset: 480, selected: 498), "one step up moves at once")
        scroll.move(by: Int.min / 2, in: extent)
        #expect(scroll == .selecting(offset: 0, selected: 0))
        scroll.select(10_000, in: extent)
        #expect(scroll == .selecting(offset: 480, selected: 499))
        // The list shrinks: the selection goes to the last row, drawing to the last full page.
        scroll.settle(count: 100)
        #expect(scroll.selected == 99)
        #expect(scroll.clamped(to: ScrollExtent(count: 100, page: 20)) == .selecting(offset: 80, selected: 99))
        // A taller page shows everything from the top.
        #expect(scroll.clamped(to: ScrollExtent(count: 100, page: 200)) == .selecting(offset: 0, selected: 99))
        scroll.settle(count: 0)
        #expect(scroll.selected == nil && scroll.visible(in: ScrollExtent(count: 0, page: 20)).isEmpty)
        scroll.move(by: 3, in: ScrollExtent(count: 0, page: 20))
        #expect(scroll.selected == nil && scroll.clamped(to: ScrollExtent(count: 0, page: 20)).offset == 0)
        // A zero or negative extent is taken as nothing on one row.
        let odd = ScrollExtent(count: -5, page: 0)
        #expect(odd.count == 0 && odd.page == 1)
    }

    @Test func aViewportNeverScrollsPastItsLastPage() {
        var scroll = ScrollState.viewport
        let extent = ScrollExtent(count: 30, page: 10)
        scroll.move(by: Int.max / 2, in: extent)
        #expect(scroll == .viewport(offset: 20))
        scroll.move(by: -1, in: extent)
        #expect(scroll == .viewport(offset: 19), "G then k moves at once")
        // Shorter text: drawing shows the last page, and the next move starts from there.
        let shorter = ScrollExtent(count: 12, page: 10)
        #expect(scroll.clamped(to: shorter) == .viewport(offset: 2))
        scroll.move(by: -1, in: shorter)
        #expect(scroll == .viewport(offset: 1))
        scroll.select(5, in: extent)
        #expect(scroll.selected == nil, "a viewport has no selection")
        scroll.reset(count: 30)
        #expect(scroll == .viewport(offset: 0))
    }

    /// The item body at 60x15: `G` goes to the last page, `k` moves up one line at once. The
    /// expectations read what is drawn ("lines a-b of n"), not the code that measures it.
    @Test func endThenUpMovesAtOnceInTheItemBody() throws {
        var state = F.loaded(F.mixed, width: 60, height: 15)
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.enter))
        _ = reduce(&state, .key(.character("G")))
        _ = reduce(&state, .key(.enter))
        let customID = try #require(state.itemBodyScreen?.customID)
        _ = reduce(&state, .itemBodyLoaded(batchID: try #require(state.itemsScreen?.batchID), customID: customID,
                                           F.json(F.failedResult(customID))))
        func title(_ state: DashboardState) -> String {
            renderPlainText(render(state, width: 60, height: 15)).split(separator: "\n")[2].description
        }
        #expect(title(state).hasSuffix("lines 1-10 of 17"), "\(title(state))")
        _ = reduce(&state, .key(.character("G")))
        #expect(state.itemBodyScreen?.scroll == .viewport(offset: 7))
        #expect(title(state).hasSuffix("lines 8-17 of 17"), "\(title(state))")
        _ = reduce(&state, .key(.character("k")))
        #expect(state.itemBodyScreen?.scroll == .viewport(offset: 6))
        // A taller terminal shows the whole body: drawing clamps at once, and so does the next move.
        _ = reduce(&state, .resize(width: 200, height: 50))
        let tall = renderPlainText(render(state, width: 200, height: 50)).split(separator: "\n")[2]
        #expect(!tall.contains("lines "), "\(tall)")
        _ = reduce(&state, .key(.character("k")))
        #expect(state.itemBodyScreen?.scroll == .viewport(offset: 0))
    }

    /// The detail pane with the keys (Tab) at 60x15: `G` then `k` moves at once.
    @Test func endThenUpMovesAtOnceInTheDetailPane() throws {
        var store = ReducerStore(F.loaded(F.mixed, width: 60, height: 15))
        store.send(.key(.tab)) { $0.list.focus = .detail }
        store.send(.key(.character("G"))) { $0.list.detailScroll = .viewport(offset: 7) }
        store.send(.key(.character("k"))) { $0.list.detailScroll = .viewport(offset: 6) }
        #expect(store.state.list.scroll.selected == 0, "the list's selection did not move")
    }

    /// The help at 60x15 is cut by the screen, and scrolls: `G` shows its last entry.
    @Test func helpScrollsToItsLastEntryAt60x15() throws {
        var store = ReducerStore(F.loaded(F.mixed, width: 60, height: 15))
        store.send(.key(.character("?"))) { $0.overlay = .help(HelpScreen()) }
        // 45: the list's d, z, : and y lines (z's and y's wrap at this width: issue 16's items 3 and 7),
        // then the legend's sparkline and faint-row lines and L (items 9, 12 and 19).
        store.send(.key(.character("G"))) { $0.overlay = .help(HelpScreen(scroll: .viewport(offset: 45))) }
        let lines = HelpContent.lines(for: store.state)
        guard case .text(let last) = lines.last else { Issue.record("the help ends with a text line"); return }
        let text = renderPlainText(render(store.state, width: 60, height: 15))
        #expect(text.contains(String(last.prefix(20))), "\(text)")
        store.send(.key(.character("k"))) { $0.overlay = .help(HelpScreen(scroll: .viewport(offset: 44))) }
        store.send(.key(.pageDown)) { $0.overlay = .help(HelpScreen(scroll: .viewport(offset: 45))) }
        store.send(.key(.escape)) { $0.overlay = .none }
    }

    @Test func theFooterKeepsHelpAndQuitAt60x15() {
        let state = F.loaded(F.mixed, width: 60, height: 15)
        let footer = renderPlainText(render(state, width: 60, height: 15)).split(separator: "\n", omittingEmptySubsequences: false)
        let last = footer.last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? ""
        #expect(last.contains("help") && last.contains("quit"), "\(last)")
    }
}
