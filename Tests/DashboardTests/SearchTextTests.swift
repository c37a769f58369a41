import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Issue 16 item 15: `/` folds case, accents and full-width forms, and every prompt takes Ctrl-U and
/// Ctrl-W as readline does.
@Suite struct SearchTextTests {
    @Test(arguments: [
        ("emoji", "émoji-🚀-1"), ("ÉMOJI", "emoji-2"), ("émoji", "EMOJI-3"), ("strasse", "Straße"),
        ("full", "ｆｕｌｌ-width"), ("東京", "東京 店舗"), ("🚀", "émoji-🚀-1"), ("req-3", "REQ-33"), ("", "anything"),
    ])
    func foldedQueryFinds(query: String, text: String) {
        #expect(SearchFolding(query).matches(text), "\(query) in \(text)")
    }

    @Test(arguments: [("emoji", "emo-ji"), ("é", "x"), ("req-4", "req-33"), ("straße", "strase"), ("ﬁ", "f")])
    func foldedQueryMisses(query: String, text: String) {
        #expect(!SearchFolding(query).matches(text), "\(query) in \(text)")
    }

    @Test func erasingAWordTakesTheSpacesBeforeItToo() {
        #expect(TextQuery.erasingLastWord("status failed") == "status ")
        #expect(TextQuery.erasingLastWord("status failed  ") == "status ")
        #expect(TextQuery.erasingLastWord("émoji-🚀") == "")
        #expect(TextQuery.erasingLastWord("") == "")
    }

    /// The list's filter: `emoji` finds the accented project; Ctrl-W takes the last word, Ctrl-U the rest.
    @Test func listFilterFoldsAndTakesCtrlWAndCtrlU() {
        let accented = Fixtures.batch(1, project: "émoji-🚀-1")
        let plain = Fixtures.batch(2, project: "plain")
        var store = ReducerStore(Fixtures.loaded([accented, plain]))
        #expect(store.state.list.order == [plain.id, accented.id])
        store.send(.key(.character("/"))) { $0.list.filter.editing = true }
        for character in "emoji x" { store.skip(.key(.character(character))) }
        #expect(store.state.list.filter.text == "emoji x" && store.state.list.order.isEmpty)
        // Ctrl-W: "emoji " is left, and it finds the accented batch again.
        store.skip(.key(.control("w")))
        #expect(store.state.list.filter.text == "emoji " && store.state.list.order.isEmpty, "the space is still typed")
        store.skip(.key(.backspace))
        #expect(store.state.list.filter.text == "emoji" && store.state.list.order == [accented.id])
        // Ctrl-U: the whole query goes, every batch shows, and the prompt stays open.
        store.skip(.key(.control("u")))
        #expect(store.state.list.filter.text == "" && store.state.list.order == [plain.id, accented.id])
        #expect(store.state.keyContext == .textEntry)
    }

    /// The items' search: the same folding and keys on custom_ids.
    @Test func itemsSearchFoldsAndTakesCtrlU() {
        let results = [Fixtures.okResult("émoji-🚀-1"), Fixtures.okResult("plain-2"), Fixtures.failedResult("ÉMOJI-3")]
        let batch = Fixtures.batch(1, status: .completed, total: 3, completed: 2, failed: 1, results: results)
        var store = ReducerStore(Fixtures.loaded([batch]))
        store.skip(.key(.enter))
        store.skip(.key(.character("/")))
        for character in "emoji" { store.skip(.key(.character(character))) }
        let shown = { (state: DashboardState) -> [String] in
            guard let screen = state.itemsScreen, let index = screen.index, let items = state.results.items[batch.id] else { return [] }
            return index.shown.map { items[$0].customID }
        }
        #expect(store.state.itemsScreen?.search.text == "emoji")
        #expect(Set(shown(store.state)) == ["émoji-🚀-1", "ÉMOJI-3"])
        store.skip(.key(.control("u")))
        #expect(store.state.itemsScreen?.search.text == "" && shown(store.state).count == 3)
        #expect(store.state.keyContext == .textEntry)
    }
}
