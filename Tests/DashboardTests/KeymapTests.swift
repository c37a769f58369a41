import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Keys are data: each context's bindings give the footer, with labels and disabled reasons
/// computed from the state; `reduce` looks keys up in the same tables.
@Suite struct KeymapTests {
    typealias F = Fixtures
    static let big = Layout(width: 120, height: 40)

    /// What the footer offers in `state`: "key label", enabled ones only (as `drawHints` does).
    static func footer(_ state: DashboardState) -> [String] {
        Keymap.offered(in: state.keyContext, readonly: state.options.readonly)
            .map { $0.offered(in: state) }
            .filter { $0.inFooter && $0.enabled }
            .map { "\($0.footerLabel) \($0.label)" }
    }

    static let tail = ["p pause", "? help", "q quit"]

    /// The list of `F.mixed`, the completed batch (with results) selected.
    static func onCompleted() -> DashboardState {
        var state = F.loaded(F.mixed)
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.down))
        return state
    }

    @Test func eachContextOffersItsOwnFooterKeys() {
        var state = F.loaded(F.mixed)
        #expect(state.keyContext == .list)
        #expect(Self.footer(state) == ["⏎ items", "/ filter", "d hide detail", "z zoom", "f show active", "s sort by status",
                                       "c cancel batch"] + Self.tail)
        _ = reduce(&state, .key(.tab))
        #expect(state.keyContext == .detail)
        #expect(Self.footer(state) == ["Tab back to list", "⏎ items", "z zoom", "d hide detail", "c cancel batch"] + Self.tail)
        _ = reduce(&state, .key(.tab))
        _ = reduce(&state, .key(.character("c")))
        #expect(state.keyContext == .dialog)
        #expect(Self.footer(state) == ["← choose", "⏎ confirm", "y yes, cancel it", "Esc no"])
        _ = reduce(&state, .key(.escape))
        _ = reduce(&state, .key(.character("/")))
        #expect(state.keyContext == .textEntry)
        #expect(Self.footer(state) == ["⏎ apply", "Esc clear", "Ctrl-U erase", "Ctrl-W erase word"])
        _ = reduce(&state, .key(.escape))
        _ = reduce(&state, .key(.character("?")))
        #expect(state.keyContext == .help)
        #expect(Self.footer(state) == ["Esc close help"])

        var done = Self.onCompleted()
        // A completed batch: cancel is disabled, so the footer leaves it out.
        #expect(Self.footer(done) == ["⏎ items", "/ filter", "d hide detail", "z zoom", "f show active", "s sort by status"] + Self.tail)
        _ = reduce(&done, .key(.enter))
        #expect(done.keyContext == .items)
        #expect(Self.footer(done) == ["⏎ body", "Esc back", "/ search", "f show failed", "x only rate_limited",
                                      "s sort by custom id", "e export"] + Self.tail)
        _ = reduce(&done, .key(.enter))
        #expect(done.keyContext == .itemBody)
        #expect(Self.footer(done) == ["Esc back", "w no wrap", "n next item"] + Self.tail)
    }

    /// Key names come from the keys: the help lists every key of a binding, the footer its first,
    /// and Ctrl-C and the mouse are bindings like any other.
    @Test func keyNamesAreDerivedFromTheKeys() {
        let open = ListScreen.bindings.first { $0.command == .open }!
        #expect(open.keyLabel == "⏎/→/l" && open.footerLabel == "⏎")
        let page = Keymap.movement.first { $0.command == .pageDown }!
        #expect(page.keyLabel == "PgDn/Space")
        for context in KeyContext.allCases {
            let commands = Keymap.offered(in: context, readonly: false).filter { $0.keys.contains(.control("c")) }.map(\.command)
            #expect(commands == [.quit], "Ctrl-C quits in \(context)")
        }
        #expect(Keymap.lookup(.click(row: 9, column: 4), in: .list, state: F.loaded(F.mixed))?.0.command == .click)
        #expect(Keymap.lookup(.wheelDown, in: .help, state: F.loaded(F.mixed))?.0.command == .wheelDown)
    }

    @Test func helpAndQuitAreOfferedOnEveryScreen() {
        for context in [KeyContext.list, .detail, .items, .itemBody] {
            let commands = Keymap.offered(in: context, readonly: false).map(\.command)
            #expect(commands.contains(.help) && commands.contains(.quit), "\(context)")
        }
    }

    @Test func leftAndHGoBackRightAndLOpen() {
        var store = ReducerStore(Self.onCompleted())
        let batch = F.mixed[2]
        var screen = ItemsScreen(batchID: batch.id)
        screen.index = ItemsIndex(items: F.summaries(batch.results!), query: screen.query)
        screen.scroll = .selecting(selected: 0)
        store.send(.key(.character("l"))) { $0.route = .items(screen) }
        store.send(.key(.left)) { $0.route = .list }
        store.send(.key(.right)) { $0.route = .items(screen) }
        let span = F.summaries(batch.results!)[0].span
        let body = ItemBodyScreen(customID: "doc-001", outcome: .succeeded)
        store.send(.key(.character("l")), [.spool(.loadItemBody(batchID: batch.id, customID: "doc-001", span: span))]) {
            $0.route = .itemBody(screen, body)
            $0.results.readers = 1
        }
        store.send(.key(.character("h"))) { $0.route = .items(screen) }
        store.send(.key(.character("h"))) { $0.route = .list }
        // On the list with no filter, back is where one already is: it says nothing.
        store.send(.key(.character("h")))
        store.send(.key(.left))
    }

    @Test func f1OpensAndClosesHelpF10Quits() {
        var store = ReducerStore(F.loaded(F.mixed))
        store.send(.key(.function(1))) {
            $0.overlay = .help(HelpScreen())
        }
        store.send(.key(.function(1))) { $0.overlay = .none }
        store.send(.key(.function(10)), [.terminal(.quit)])
    }

    @Test func aDisabledBindingSaysWhy() {
        let state = Self.onCompleted()
        let id = F.mixed[2].id
        let cancel = Keymap.offered(in: .list, readonly: false).first { $0.command == .cancelBatch }!.offered(in: state)
        #expect(cancel.disabledReason == "\(id) is completed: nothing to cancel")
        #expect(!cancel.enabled)
        let found = Keymap.lookup(.character("c"), in: .list, state: state)
        #expect(found?.0.command == .cancelBatch && found?.disabledReason == cancel.disabledReason)
        var store = ReducerStore(state)
        store.send(.key(.character("c"))) {
            $0.message = StatusMessage("\(id) is completed: nothing to cancel", at: F.t0)
        }
        // P with a single profile: why not, in words.
        var single = F.options
        single.profiles = ["work"]
        var one = DashboardState(options: single, now: F.t0, width: 120, height: 40)
        _ = reduce(&one, .start(at: F.t0))
        var store2 = ReducerStore(one)
        store2.send(.key(.character("P"))) {
            $0.message = StatusMessage("no other profile in config.toml", at: F.t0)
        }
    }

    /// An overlay takes the input while it is open: the wheel scrolls the help, and a click does
    /// not reach the list under it.
    @Test func theHelpOverlayTakesTheMouse() {
        var store = ReducerStore(F.loaded((1...30).map { F.batch($0) }, width: 80, height: 24))
        let layout = Layout(width: 80, height: 24)
        store.send(.key(.character("?"))) { $0.overlay = .help(HelpScreen()) }
        store.send(.key(.wheelDown)) { $0.overlay = .help(HelpScreen(scroll: .viewport(offset: 3))) }
        // A click on the help box does not reach the list under it.
        store.send(.key(.click(row: layout.listFirstRow + 5, column: 3)))
    }

    @Test func anUnknownKeyDoesNothing() {
        var store = ReducerStore(F.loaded(F.mixed))
        for key: Key in [.function(5), .control("b"), .character("Z"), .backTab, .delete, .function(12)] {
            store.send(.key(key))
        }
        // Not in the items screen either, nor in the body.
        store.skip(.key(.enter))
        for key: Key in [.function(5), .character("w"), .character("Q")] {
            store.send(.key(key))
        }
    }

    @Test func wTogglesWrapAndSidewaysScrollSaysWhyWhileWrapping() throws {
        var state = Self.onCompleted()
        _ = reduce(&state, .key(.enter))
        _ = reduce(&state, .key(.enter))
        let screen = try #require(state.itemsScreen)
        var body = try #require(state.itemBodyScreen)
        var store = ReducerStore(state)
        // While lines wrap there is nothing to the right: → says so.
        store.send(.key(.right)) { $0.message = StatusMessage("lines wrap (w)", at: F.t0) }
        store.send(.key(.character("w"))) {
            body.wrap = false
            $0.route = .itemBody(screen, body)
        }
        #expect(Self.footer(store.state).contains("w wrap"))
        store.send(.key(.character("w"))) {
            body.wrap = true
            $0.route = .itemBody(screen, body)
        }
        #expect(Self.footer(store.state).contains("w no wrap"))
    }

    /// With wrap off, ←/→ scroll the body sideways (the issue: "with wrap off Left/Right scroll
    /// sideways"). The body's `back` binding lists `.left` first, so Left goes back instead.
    @Test func leftScrollsTheBodySidewaysWhenWrapIsOff() throws {
        var state = Self.onCompleted()
        _ = reduce(&state, .key(.enter))
        _ = reduce(&state, .key(.enter))
        let screen = try #require(state.itemsScreen)
        let long = BatchResult(customID: "doc-001", response: ItemResponse(statusCode: 200, body: .object([
            "choices": .array([.object(["message": .object(["content": .string(String(repeating: "word ", count: 100))])])]),
        ])), error: nil)
        _ = reduce(&state, .itemBodyLoaded(batchID: screen.batchID, customID: "doc-001", F.json(long)))
        _ = reduce(&state, .key(.character("w")))
        #expect(state.itemBodyScreen?.wrap == false)
        var body = try #require(state.itemBodyScreen)
        var store = ReducerStore(state)
        store.send(.key(.right)) {
            body.column = 30
            $0.route = .itemBody(screen, body)
        }
        store.send(.key(.left)) {
            body.column = 0
            $0.route = .itemBody(screen, body)
        }
        // At column 1 ← does what the footer says: back to the items.
        store.send(.key(.left)) { $0.route = .items(screen) }
    }

    /// → stops where the longest line's end is in view, says so when pressed there, and the title
    /// shows the columns. The longest line is the JSON's `content` line: 12 spaces of indent,
    /// `"content" : "`, the 500 characters and `"`, 526 columns; 119 show at 120 columns, so → stops
    /// at offset 407 (30 a press: 13 presses reach 390).
    @Test func rightStopsAtTheLongestLineAndTheColumnsAreShown() throws {
        var state = Self.onCompleted()
        _ = reduce(&state, .key(.enter))
        _ = reduce(&state, .key(.enter))
        let screen = try #require(state.itemsScreen)
        let long = BatchResult(customID: "doc-001", response: ItemResponse(statusCode: 200, body: .object([
            "choices": .array([.object(["message": .object(["content": .string(String(repeating: "word ", count: 100))])])]),
        ])), error: nil)
        _ = reduce(&state, .itemBodyLoaded(batchID: screen.batchID, customID: "doc-001", F.json(long)))
        _ = reduce(&state, .key(.character("w")))
        for _ in 0..<13 { _ = reduce(&state, .key(.right)) }
        var body = try #require(state.itemBodyScreen)
        #expect(body.column == 390)
        var store = ReducerStore(state)
        store.send(.key(.right)) {
            body.column = 407
            $0.route = .itemBody(screen, body)
        }
        store.send(.key(.right)) { $0.message = StatusMessage("the longest line's end is in view", at: F.t0) }
        let text = renderPlainText(render(store.state, width: 120, height: 40))
        #expect(text.contains("col 408-526/526"), "\(text)")
        // The last column of the page is the line's last: the closing quote.
        #expect(text.contains("word \"\n"), "\(text)")
    }
}
