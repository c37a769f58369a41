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
            .map { "\($0.keyLabel) \($0.label)" }
    }

    static let tail = ["p pause", "?/F1 help", "q/F10 quit"]

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
        #expect(Self.footer(state) == ["⏎ items", "/ filter", "f show active", "s sort by status", "c cancel batch"] + Self.tail)
        _ = reduce(&state, .key(.tab))
        #expect(state.keyContext == .detail)
        #expect(Self.footer(state) == ["Tab/Esc back to list", "⏎ items", "c cancel batch"] + Self.tail)
        _ = reduce(&state, .key(.tab))
        _ = reduce(&state, .key(.character("c")))
        #expect(state.keyContext == .dialog)
        #expect(Self.footer(state) == ["←/→ choose", "⏎ confirm", "y yes, cancel it", "Esc/n no"])
        _ = reduce(&state, .key(.escape))
        _ = reduce(&state, .key(.character("/")))
        #expect(state.keyContext == .textEntry)
        #expect(Self.footer(state) == ["⏎ apply", "Esc clear", "^U erase", "^W erase word"])
        _ = reduce(&state, .key(.escape))
        _ = reduce(&state, .key(.character("?")))
        #expect(state.keyContext == .help)
        #expect(Self.footer(state) == ["Esc/? close help"])

        var done = Self.onCompleted()
        // A completed batch: cancel is disabled, so the footer leaves it out.
        #expect(Self.footer(done) == ["⏎ items", "/ filter", "f show active", "s sort by status"] + Self.tail)
        _ = reduce(&done, .key(.enter))
        #expect(done.keyContext == .items)
        #expect(Self.footer(done) == ["⏎ body", "Esc/←/h back", "/ search", "f show failed", "x only rate_limited",
                                      "s sort by custom id", "e export"] + Self.tail)
        _ = reduce(&done, .key(.enter))
        #expect(done.keyContext == .itemBody)
        #expect(Self.footer(done) == ["Esc/←/h back", "w no wrap"] + Self.tail)
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
        screen.scroll.setExtent(count: 3, page: Self.big.itemRows)
        store.send(.key(.character("l"))) { $0.route = .items(screen) }
        store.send(.key(.left)) { $0.route = .list }
        store.send(.key(.right)) { $0.route = .items(screen) }
        let span = F.summaries(batch.results!)[0].span
        var body = ItemBodyScreen(customID: "doc-001", outcome: .succeeded)
        body.scroll.setExtent(count: ItemBodyText.lines(body, width: 120).count, page: Self.big.bodyTextRows)
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
            var scroll = ScrollState.viewport
            let lines = HelpContent.lines(for: $0).count
            scroll.setExtent(count: lines, page: Self.big.helpRows(lines: lines))
            $0.overlay = .help(scroll)
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
        var scroll = ScrollState.viewport
        store.send(.key(.character("?"))) {
            let lines = HelpContent.lines(for: $0).count
            scroll.setExtent(count: lines, page: layout.helpRows(lines: lines))
            $0.overlay = .help(scroll)
        }
        store.send(.key(.wheelDown)) {
            scroll.move(by: 3)
            $0.overlay = .help(scroll)
        }
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
            body.scroll.setExtent(count: ItemBodyText.lines(body, width: 120).count, page: Self.big.bodyTextRows)
            $0.route = .itemBody(screen, body)
        }
        #expect(Self.footer(store.state).contains("w wrap"))
        store.send(.key(.character("w"))) {
            body.wrap = true
            body.scroll.setExtent(count: ItemBodyText.lines(body, width: 120).count, page: Self.big.bodyTextRows)
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
        
    }
}
