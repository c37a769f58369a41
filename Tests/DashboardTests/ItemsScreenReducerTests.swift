import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// The items screen of one batch: search as you type, the outcome filter, picking an error code,
/// sorting, and a selection that stays on its item while the rows change.
@Suite struct ItemsScreenReducerTests {
    typealias F = Fixtures
    static let e = Epoch()
    static let big = Layout(width: 120, height: 40)
    static let batch = F.batch(7, status: .completed, total: 8, completed: 3, failed: 5)

    static func item(_ id: String, _ outcome: ItemOutcome, code: String? = nil, message: String? = nil,
                     tokens: Int? = nil, at index: Int) -> ItemSummary {
        ItemSummary(customID: id, outcome: outcome, statusCode: outcome == .succeeded ? 200 : (outcome == .failed ? 500 : nil),
                    error: code.map { ItemError(code: $0, message: message ?? "") }, totalTokens: tokens,
                    span: ByteSpan(offset: Int64(index) * 1000, length: 100))
    }

    /// In input order: succeeded, failed with two codes, not run.
    static let items: [ItemSummary] = [
        item("req-10", .succeeded, tokens: 50, at: 0),
        item("req-2", .failed, code: "server_error", message: "The upstream timed out", at: 1),
        item("req-1", .succeeded, tokens: 120, at: 2),
        item("req-33", .failed, code: "rate_limited", message: "provider said slow down", at: 3),
        item("req-4", .notRun, code: "batch_cancelled", message: "batch was cancelled", at: 4),
        item("req-21", .failed, code: "server_error", message: "Timeout while reading", at: 5),
        item("req-100", .succeeded, tokens: 7, at: 6),
        item("req-5", .notRun, code: "batch_cancelled", message: "batch was cancelled", at: 7),
    ]

    static func ids(_ state: DashboardState) -> [String] {
        guard let screen = state.itemsScreen, let index = screen.index else { return [] }
        return index.shown.map { items[$0].customID }
    }

    /// The batch's items open, the first row selected.
    static func opened(_ items: [ItemSummary] = items) -> DashboardState {
        var state = F.loaded([batch])
        _ = reduce(&state, .batchLoaded(SpooledBatch(batch: batch, items: items, usage: TokenUsage()), at: F.t0,
                                        requestedID: batch.id, epoch: Self.e))
        _ = reduce(&state, .key(.enter))
        return state
    }

    /// `screen` rebuilt for its query as the reducer builds it, with the selection on `selected`.
    static func rebuilt(_ screen: ItemsScreen, selected: Int?) -> ItemsScreen {
        var screen = screen
        screen.index = ItemsIndex(items: items, query: screen.query)
        let shown = screen.index!.shown.count
        screen.scroll = .selecting(selected: selected ?? (shown > 0 ? 0 : nil))
        return screen
    }

    @Test func openingShowsEveryItemInInputOrder() {
        let state = Self.opened()
        #expect(Self.ids(state) == Self.items.map(\.customID))
        #expect(state.itemsScreen?.index?.groups.map(\.code) == ["batch_cancelled", "server_error", "rate_limited"])
        #expect(state.itemsScreen?.index.map { [$0.succeeded, $0.failed, $0.notRun] } == [3, 3, 2])
    }

    @Test func searchMatchesCustomIDAndErrorTextAsYouType() {
        var store = ReducerStore(Self.opened())
        var screen = store.state.itemsScreen!
        store.send(.key(.character("/"))) {
            screen.search.editing = true
            $0.route = .items(screen)
        }
        #expect(store.state.keyContext == .textEntry)
        // Each character narrows at once: "t" … "tim" matches both timeouts' error text (any case).
        let steps: [(String, [String])] = [
            // "t" is in rate_limited, a code, too.
            ("t", ["req-2", "req-33", "req-4", "req-21", "req-5"]),
            ("ti", ["req-2", "req-21"]),
            ("tim", ["req-2", "req-21"]),
        ]
        for (typed, expected) in steps {
            store.send(.key(.character(typed.last!))) {
                screen.search.text = typed
                screen = Self.rebuilt(screen, selected: nil)
                $0.route = .items(screen)
            }
            #expect(Self.ids(store.state) == expected, "\(typed)")
        }
        // Backspace widens again; a custom_id matches too.
        store.send(.key(.backspace)) {
            screen.search.text = "ti"
            screen = Self.rebuilt(screen, selected: 0)
            $0.route = .items(screen)
        }
        // Esc clears the search: every item again, req-2 still selected (on its own row).
        store.send(.key(.escape)) {
            screen.search.editing = false
            screen.search.text = ""
            screen = Self.rebuilt(screen, selected: 1)
            $0.route = .items(screen)
        }
        store.send(.key(.character("/"))) {
            screen.search.editing = true
            $0.route = .items(screen)
        }
        for typed in ["r", "re", "req", "req-", "req-3"] {
            store.skip(.key(.character(typed.last!)))
        }
        #expect(Self.ids(store.state) == ["req-33"], "custom_id")
        screen = store.state.itemsScreen!
        store.send(.key(.enter)) {
            screen.search.editing = false
            $0.route = .items(screen)
        }
        #expect(store.state.itemsScreen?.search.text == "req-3")
        #expect(store.state.keyContext == .items)
    }

    @Test func fCyclesAllFailedNotRunSucceeded() {
        var store = ReducerStore(Self.opened())
        var screen = store.state.itemsScreen!
        let expected: [(ItemOutcomeFilter, [String])] = [
            (.failed, ["req-2", "req-33", "req-21"]),
            (.notRun, ["req-4", "req-5"]),
            (.succeeded, ["req-10", "req-1", "req-100"]),
            (.all, Self.items.map(\.customID)),
        ]
        for (outcome, ids) in expected {
            store.send(.key(.character("f"))) {
                screen.outcome = outcome
                screen = Self.rebuilt(screen, selected: nil)
                if outcome == .all { screen.scroll.selected = 0 }
                $0.route = .items(screen)
            }
            #expect(Self.ids(store.state) == ids, "\(outcome)")
        }
    }

    @Test func xStepsThroughTheErrorCodesThenEveryCode() {
        var store = ReducerStore(Self.opened())
        var screen = store.state.itemsScreen!
        #expect(store.state.itemsScreen?.nextErrorCodeLabel == "only batch_cancelled")
        let steps: [(String?, [String], String)] = [
            ("batch_cancelled", ["req-4", "req-5"], "only server_error"),
            ("server_error", ["req-2", "req-21"], "only rate_limited"),
            ("rate_limited", ["req-33"], "every code"),
            (nil, Self.items.map(\.customID), "only batch_cancelled"),
        ]
        for (code, ids, label) in steps {
            store.send(.key(.character("x"))) {
                screen.errorCode = code
                screen = Self.rebuilt(screen, selected: nil)
                // Back to every code: req-33, selected before, stays selected on its row.
                if code == nil { screen.scroll.selected = 3 }
                $0.route = .items(screen)
            }
            #expect(Self.ids(store.state) == ids, "\(code ?? "every code")")
            #expect(store.state.itemsScreen?.nextErrorCodeLabel == label)
        }
    }

    @Test func sSortsByCustomIDNaturallyThenStatusThenTokensAndSReverses() {
        var store = ReducerStore(Self.opened())
        var screen = store.state.itemsScreen!
        let steps: [(ItemSortKey, [String], String)] = [
            (.customID, ["req-1", "req-2", "req-4", "req-5", "req-10", "req-21", "req-33", "req-100"],
             "items sorted by custom id, a→z"),
            // Failures first, then not run, then succeeded; input order within each.
            (.status, ["req-2", "req-33", "req-21", "req-4", "req-5", "req-10", "req-1", "req-100"],
             "items sorted by status, failures first"),
            // Most tokens first; items without tokens last, in input order.
            (.tokens, ["req-1", "req-10", "req-100", "req-2", "req-33", "req-4", "req-21", "req-5"],
             "items sorted by tokens, most first"),
        ]
        for (sort, ids, words) in steps {
            store.send(.key(.character("s"))) {
                screen.sort = sort
                // The same item (req-10, the first row) stays selected, on its new row.
                screen = Self.rebuilt(screen, selected: ids.firstIndex(of: "req-10"))
                $0.route = .items(screen)
                $0.message = StatusMessage(words, at: F.t0)
            }
            #expect(Self.ids(store.state) == ids, "\(sort)")
        }
        // S turns the order around and says which way it now runs.
        store.send(.key(.character("S"))) {
            screen.sortReversed = true
            screen = Self.rebuilt(screen, selected: 6)
            $0.route = .items(screen)
            $0.message = StatusMessage("items sorted by tokens, fewest first", at: F.t0)
        }
        #expect(Self.ids(store.state) == ["req-5", "req-21", "req-4", "req-33", "req-2", "req-100", "req-10", "req-1"])
    }

    /// The arrow points the way the order runs: ids and status go up (▴), tokens most first (▾);
    /// S turns it over.
    @Test func theSortArrowAgreesWithTheDirection() {
        #expect(ItemSortKey.customID.arrow(reversed: false) == "▴")
        #expect(ItemSortKey.customID.arrow(reversed: true) == "▾")
        #expect(ItemSortKey.status.arrow(reversed: false) == "▴")
        #expect(ItemSortKey.tokens.arrow(reversed: false) == "▾")
        #expect(ItemSortKey.tokens.arrow(reversed: true) == "▴")
        var state = Self.opened()
        _ = reduce(&state, .key(.character("s")))
        _ = reduce(&state, .key(.character("s")))
        _ = reduce(&state, .key(.character("s")))
        let row = Self.big.body.row + 2
        let heading = renderPlainText(render(state, width: 120, height: 40)).split(separator: "\n")[row]
        #expect(heading.contains("TOKENS▾"), "\(heading)")
        _ = reduce(&state, .key(.character("S")))
        let reversed = renderPlainText(render(state, width: 120, height: 40)).split(separator: "\n")[row]
        #expect(reversed.contains("TOKENS▴"), "\(reversed)")
        #expect(state.itemsScreen?.statusLine.hasPrefix("sort tokens▴") == true)
    }

    /// A click on a heading sorts by it; a second click on it turns the order around. The columns
    /// are where `drawItems` puts them at 120 columns: CUSTOM ID from 1 (8 wide ids: 10 columns),
    /// STATUS from 12, TOKENS from 29.
    @Test func aClickOnAHeadingSortsByIt() {
        var store = ReducerStore(Self.opened())
        var screen = store.state.itemsScreen!
        let headings = Self.big.body.row + 2
        store.send(.key(.click(row: headings, column: 30))) {
            screen.sort = .tokens
            screen = Self.rebuilt(screen, selected: 1)
            $0.route = .items(screen)
            $0.message = StatusMessage("items sorted by tokens, most first", at: F.t0)
        }
        store.send(.key(.click(row: headings, column: 30))) {
            screen.sortReversed = true
            screen = Self.rebuilt(screen, selected: 6)
            $0.route = .items(screen)
            $0.message = StatusMessage("items sorted by tokens, fewest first", at: F.t0)
        }
        store.send(.key(.click(row: headings, column: 3))) {
            screen.sort = .customID
            screen.sortReversed = false
            screen = Self.rebuilt(screen, selected: 4)
            $0.route = .items(screen)
            $0.message = StatusMessage("items sorted by custom id, a→z", at: F.t0)
        }
        // HTTP does not sort: nothing happens.
        store.send(.key(.click(row: headings, column: 25)))
    }

    /// `n`/`N` in an item's body open the next or previous item shown (here failed only: req-2,
    /// req-33, req-21), with the same wrap, moving the items' selection; at either end they say so.
    @Test func nAndNStepThroughTheItemsShownInTheBody() {
        var store = ReducerStore(Self.opened())
        var screen = store.state.itemsScreen!
        store.send(.key(.character("f"))) {
            screen.outcome = .failed
            screen = Self.rebuilt(screen, selected: 0)
            $0.route = .items(screen)
        }
        let span: (Int) -> ByteSpan = { ByteSpan(offset: Int64($0) * 1000, length: 100) }
        var body = ItemBodyScreen(customID: "req-2", outcome: .failed)
        store.send(.key(.enter), [.spool(.loadItemBody(batchID: Self.batch.id, customID: "req-2", span: span(1)))]) {
            $0.route = .itemBody(screen, body)
            $0.results.readers = 1
        }
        store.send(.key(.character("w"))) {
            body.wrap = false
            $0.route = .itemBody(screen, body)
        }
        // Back at the first item shown, N says so and nothing is read.
        store.send(.key(.character("N"))) { $0.message = StatusMessage("this is the first item shown", at: F.t0) }
        screen.scroll.selected = 1
        body = ItemBodyScreen(customID: "req-33", outcome: .failed)
        body.wrap = false
        store.send(.key(.character("n")), [.spool(.loadItemBody(batchID: Self.batch.id, customID: "req-33", span: span(3)))]) {
            $0.route = .itemBody(screen, body)
            $0.results.readers = 2
        }
        screen.scroll.selected = 2
        body = ItemBodyScreen(customID: "req-21", outcome: .failed)
        body.wrap = false
        store.send(.key(.character("n")), [.spool(.loadItemBody(batchID: Self.batch.id, customID: "req-21", span: span(5)))]) {
            $0.route = .itemBody(screen, body)
            $0.results.readers = 3
        }
        store.send(.key(.character("n"))) { $0.message = StatusMessage("this is the last item shown", at: F.t0) }
        // Esc goes back to the items with the last one stepped to selected.
        store.send(.key(.escape)) { $0.route = .items(screen) }
    }

    @Test func theSelectionStaysOnTheSameItemWhenTheFilterChanges() {
        var store = ReducerStore(Self.opened())
        var screen = store.state.itemsScreen!
        // req-21 (row 5), a failure.
        for row in 1...5 {
            store.send(.key(.down)) {
                screen.scroll.selected = row
                $0.route = .items(screen)
            }
        }
        store.send(.key(.character("f"))) {
            screen.outcome = .failed
            screen = Self.rebuilt(screen, selected: 2)
            $0.route = .items(screen)
        }
        #expect(store.state.itemsScreen?.scroll.selected == 2 && Self.ids(store.state)[2] == "req-21")
        store.send(.key(.character("x"))) {
            screen.errorCode = "batch_cancelled"
            // req-21 is not shown any more: the first row.
            screen = Self.rebuilt(screen, selected: nil)
            $0.route = .items(screen)
        }
        #expect(Self.ids(store.state).isEmpty, "failed and batch_cancelled: none")
    }

    @Test func fiftyThousandItemsBuildAndSearch() throws {
        let count = 50_000
        let many = (0..<count).map { n in
            n % 100 == 7
                ? Self.item("req-\(n)", .failed, code: n % 200 == 7 ? "server_error" : "rate_limited",
                            message: "upstream timed out after \(n) ms", at: n)
                : Self.item("req-\(n)", .succeeded, tokens: n % 997, at: n)
        }
        let clock = ContinuousClock()
        var state = F.loaded([Self.batch])
        let start = clock.now
        _ = reduce(&state, .batchLoaded(SpooledBatch(batch: Self.batch, items: many, usage: TokenUsage()), at: F.t0,
                                        requestedID: Self.batch.id, epoch: Self.e))
        _ = reduce(&state, .key(.enter))
        #expect(state.itemsScreen?.index?.shown.count == count)
        #expect(state.itemsScreen?.index?.failed == 500)
        _ = reduce(&state, .key(.character("/")))
        for character in "timed out after 4007 " { _ = reduce(&state, .key(.character(character))) }
        #expect(state.itemsScreen?.index?.shown.map { many[$0].customID } == ["req-4007"])
        _ = reduce(&state, .key(.escape))
        _ = reduce(&state, .key(.character("s")))
        _ = reduce(&state, .key(.character("f")))
        #expect(state.itemsScreen?.index?.shown.count == 500)
        _ = reduce(&state, .key(.character("x")))
        #expect(state.itemsScreen?.index?.shown.count == 250)
        let elapsed = clock.now - start
        // Generous for a debug build on a busy machine; a release build takes a fraction of it.
        #expect(elapsed < .seconds(30), "\(elapsed)")
    }
}
