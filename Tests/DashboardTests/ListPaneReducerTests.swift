import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Issue 16 items 3, 7 and 20 (part) in the reducer: `d` and `z` give the list or the detail pane
/// the room, `:` selects a batch by a pasted id, `y` asks the runtime for OSC 52, and a changed
/// setting asks the runtime to remember it.
@Suite struct ListPaneReducerTests {
    typealias F = Fixtures

    /// Fourteen batches at 80x24, newest (14) first and selected.
    static func fourteen(width: Int = 80, height: Int = 24) -> DashboardState {
        F.loaded((1...14).map { F.batch($0, project: "p\($0)") }, width: width, height: height)
    }

    static func id(_ n: Int) -> String { String(format: "batch_01JD%06dXYZ", n) }

    /// `:` and `typed`, each key stated: the prompt opens and takes the text.
    static func type(_ typed: String, after colon: Bool = true, into store: inout ReducerStore) {
        if colon { store.send(.key(.character(":"))) { $0.list.jump = TextQuery(editing: true) } }
        for character in typed { store.send(.key(.character(character))) { $0.list.jump.text.append(character) } }
    }

    @Test func dHidesAndShowsTheDetailPaneAndTheListGetsItsRows() {
        var store = ReducerStore(Self.fourteen())
        #expect(store.state.layout.listRows == 9)
        store.send(.key(.character("d")), [F.remembered { $0.detailPane = .hidden }]) {
            $0.list.detailPane = .hidden
            $0.message = StatusMessage("detail pane hidden: d shows it", at: F.t0)
        }
        // 24 rows less the header's two, the message line, the footer and the column headings.
        #expect(store.state.layout.listRows == 19)
        #expect(store.state.layout.detail.height == 0)
        // Tab has no pane to go to, and says so.
        store.send(.key(.tab)) { $0.message = StatusMessage("the detail pane is hidden: d shows it", at: F.t0) }
        store.send(.key(.character("d")), [F.remembered { $0.detailPane = .shown }]) {
            $0.list.detailPane = .shown
            $0.message = StatusMessage("detail pane shown", at: F.t0)
        }
        #expect(store.state.layout.listRows == 9)
    }

    @Test func zZoomsThePaneWhichTakesTheMovementKeysAndEscComesBack() {
        var store = ReducerStore(Self.fourteen())
        store.send(.key(.character("z")), [F.remembered { $0.detailPane = .zoomed }]) {
            $0.list.detailPane = .zoomed
            $0.list.focus = .detail
            $0.message = StatusMessage("detail pane zoomed: z or Esc back to the list", at: F.t0)
        }
        #expect(store.state.layout.listRows == 0)
        #expect(store.state.layout.detailRows == 19)
        #expect(store.state.keyContext == .detail)
        // The batch's detail is 14 lines long here: all of them fit zoomed, so j does not scroll.
        store.send(.key(.character("j")))
        store.send(.key(.escape), [F.remembered { $0.detailPane = .shown }]) {
            $0.list.detailPane = .shown
            $0.list.focus = .list
        }
        store.send(.key(.character("z")), [F.remembered { $0.detailPane = .zoomed }]) {
            $0.list.detailPane = .zoomed
            $0.list.focus = .detail
            $0.message = StatusMessage("detail pane zoomed: z or Esc back to the list", at: F.t0)
        }
        // d from zoomed hides the pane: the list has it all.
        store.send(.key(.character("d")), [F.remembered { $0.detailPane = .hidden }]) {
            $0.list.detailPane = .hidden
            $0.list.focus = .list
            $0.message = StatusMessage("detail pane hidden: d shows it", at: F.t0)
        }
    }

    @Test func colonSelectsTheBatchAPastedIdNamesWithOrWithoutItsPrefix() {
        var store = ReducerStore(Self.fourteen())
        store.send(.key(.character(":"))) { $0.list.jump = TextQuery(editing: true) }
        #expect(store.state.keyContext == .textEntry)
        Self.type("01jd000003xyz", after: false, into: &store)
        store.send(.key(.enter)) {
            $0.list.jump = TextQuery()
            $0.list.selectedID = Self.id(3)
            // Newest first: batch 3 is the twelfth of fourteen rows; the page of 9 ends there.
            $0.list.scroll = .selecting(offset: 3, selected: 11)
            $0.message = StatusMessage("selected \(Self.id(3))", at: F.t0)
        }
        // With the prefix, and by a unique tail as the narrow list shows it ("…0007XYZ").
        Self.type("batch_01JD000010XYZ", into: &store)
        store.send(.key(.enter)) {
            $0.list.jump = TextQuery()
            $0.list.selectedID = Self.id(10)
            $0.list.scroll = .selecting(offset: 3, selected: 4)
            $0.message = StatusMessage("selected \(Self.id(10))", at: F.t0)
        }
        Self.type("…0007XYZ", into: &store)
        store.send(.key(.enter)) {
            $0.list.jump = TextQuery()
            $0.list.selectedID = Self.id(7)
            $0.list.scroll = .selecting(offset: 3, selected: 7)
            $0.message = StatusMessage("selected \(Self.id(7))", at: F.t0)
        }
    }

    @Test func colonSaysWhenNoneOrSeveralMatchAndEscLeavesTheSelection() {
        var store = ReducerStore(Self.fourteen())
        Self.type("XYZ", into: &store)
        store.send(.key(.enter)) {
            $0.list.jump = TextQuery()
            $0.message = StatusMessage("14 batches end in XYZ: type more of the id", isError: true, at: F.t0)
        }
        Self.type("nope", into: &store)
        store.send(.key(.enter)) {
            $0.list.jump = TextQuery()
            $0.message = StatusMessage("no batch nope among the 14 listed", isError: true, at: F.t0)
        }
        store.send(.key(.character(":"))) { $0.list.jump = TextQuery(editing: true) }
        store.send(.key(.character("3"))) { $0.list.jump.text = "3" }
        store.send(.key(.escape)) { $0.list.jump = TextQuery() }
        #expect(store.state.list.selectedID == Self.id(14))
    }

    @Test func colonClearsTheFiltersThatHideTheBatchItNames() {
        var state = F.loaded([F.batch(1, status: .completed, total: 5, completed: 5), F.batch(2)], width: 80, height: 24)
        _ = reduce(&state, .key(.character("f")))  // active: batch 1 is hidden
        var store = ReducerStore(state)
        #expect(store.state.list.order == [Self.id(2)])
        Self.type("000001XYZ", into: &store)
        store.send(.key(.enter), [F.remembered { $0.statusFilter = .all }]) {
            $0.list.jump = TextQuery()
            $0.list.statusFilter = .all
            $0.list.order = [Self.id(2), Self.id(1)]
            $0.list.selectedID = Self.id(1)
            $0.list.scroll = .selecting(offset: 0, selected: 1)
            $0.message = StatusMessage("selected \(Self.id(1)) (filters cleared to show it)", at: F.t0)
        }
    }

    @Test func yCopiesTheSelectedBatchIdThroughOSC52() {
        var store = ReducerStore(Self.fourteen())
        let copy = ClipboardCopy(Self.id(14))
        store.send(.key(.character("y")), [.terminal(.copy(copy))]) {
            $0.message = StatusMessage("copied batch id \(Self.id(14)) (OSC 52)", at: F.t0)
        }
        // "batch_01JD000014XYZ" in base64, between ESC ] 52 ; c ; and BEL.
        #expect(copy.sequence == Array("\u{1b}]52;c;YmF0Y2hfMDFKRDAwMDAxNFhZWg==\u{07}".utf8))
    }

    @Test func yOnTheItemsCopiesTheCustomIdAndInTheBodyTheAnswer() {
        let batch = F.batch(1, status: .completed, total: 2, completed: 2, results: [F.okResult("req-a"), F.okResult("req-b")])
        var state = F.loaded([batch])
        _ = reduce(&state, .key(.enter))
        var store = ReducerStore(state)
        store.send(.key(.character("y")), [.terminal(.copy(ClipboardCopy("req-a")))]) {
            $0.message = StatusMessage("copied custom_id req-a (OSC 52)", at: F.t0)
        }
        store.skip(.key(.enter))
        store.skip(.itemBodyLoaded(batchID: batch.id, customID: "req-a", F.json(F.okResult("req-a"))))
        store.send(.key(.character("y")), [.terminal(.copy(ClipboardCopy("ok")))]) {
            $0.message = StatusMessage("copied answer ok (OSC 52)", at: F.t0)
        }
    }

    @Test func aLongCopyIsCutAtACharacterAndTheToastSaysSo() {
        // 3 bytes a character: a cut at 10 bytes keeps 3 whole ones (9 bytes), never half of one.
        let copy = ClipboardCopy(String(repeating: "東", count: 5), limit: 10)
        #expect(copy.text == "東東東")
        #expect(copy.cutFrom == 15)
        #expect(DashboardState.copiedToast(copy, what: "answer") == "copied answer: cut to its first 9 bytes of 15 (OSC 52)")
        #expect(ClipboardCopy("short", limit: 10).cutFrom == nil)
        let long = ClipboardCopy(String(repeating: "x", count: 200_000))
        #expect(long.text.utf8.count == 100_000)
        #expect(DashboardState.copiedToast(ClipboardCopy(String(repeating: "y", count: 41)), what: "answer")
            == "copied answer (41 characters) (OSC 52)")
    }

    @Test func sortFilterAndPaceChangesAskToBeRememberedAndAreReadBack() {
        var store = ReducerStore(Self.fourteen())
        store.send(.key(.character("S")), [F.remembered { $0.sortReversed = true }]) {
            $0.list.sortReversed = true
            $0.list.order = (1...14).map(Self.id)
            $0.list.scroll = .selecting(offset: 5, selected: 13)
        }
        // The waiting timer is re-armed at the new pace (twice the base while nothing moves).
        store.send(.key(.character("-")), [.timer(.schedulePoll(after: 6)), F.remembered { $0.sortReversed = true; $0.pollInterval = 3 }]) {
            $0.poll.baseInterval = 3
            $0.poll.backoff.lastDelay = 6
            $0.poll.backoff.nextPollAt = F.at(6)
            $0.message = StatusMessage("poll every 3s", at: F.t0)
        }
        store.send(.themeApplied(name: "dark"), [F.remembered { $0.sortReversed = true; $0.pollInterval = 3; $0.theme = "dark" }]) {
            $0.options.themeName = "dark"
            $0.message = StatusMessage("theme dark", at: F.t0)
        }
        // A key that changes nothing remembered asks for nothing.
        store.send(.key(.character("j")))

        var next = F.fresh(width: 80, height: 24)
        next.remember(DashboardSettings(sort: .status, sortReversed: true, statusFilter: .hasFailures, pollInterval: 10, detailPane: .zoomed))
        #expect(next.list.sort == .status && next.list.sortReversed && next.list.statusFilter == .hasFailures)
        #expect(next.poll.baseInterval == 10 && next.list.detailPane == .zoomed && next.list.focus == .detail)
        var flagged = F.fresh()
        flagged.remember(DashboardSettings(pollInterval: 10), pace: false)
        #expect(flagged.poll.baseInterval == 2, "--interval given: it wins")
    }

    @Test func aProfileSwitchKeepsTheRememberedViewAndSavesNothing() {
        var state = Self.fourteen()
        _ = reduce(&state, .key(.character("s")))
        _ = reduce(&state, .key(.character("d")))
        let effects = reduce(&state, .profileSwitched(name: "home", endpointLabel: "home (http://127.0.0.1:9)", at: F.at(1)))
        #expect(state.list.sort == .status && state.list.detailPane == .hidden)
        #expect(!effects.contains { if case .terminal(.saveSettings) = $0 { true } else { false } }, "\(effects)")
    }

    @Test func aSettingsFileIsReadFieldByFieldAndADamagedOneThrows() throws {
        let read = try DashboardSettings(json: Data("""
            {"theme": "dark", "sort": "eta", "sort_reversed": true, "status_filter": "has failures",
             "poll_interval": 5, "detail_pane": "hidden"}
            """.utf8))
        #expect(read == DashboardSettings(theme: "dark", sort: .eta, sortReversed: true, statusFilter: .hasFailures,
                                          pollInterval: 5, detailPane: .hidden))
        // A value this build does not know is skipped; the rest stays.
        let partly = try DashboardSettings(json: Data(#"{"sort": "cost-per-token", "detail_pane": "hidden", "poll_interval": 0}"#.utf8))
        #expect(partly == DashboardSettings(detailPane: .hidden))
        #expect(throws: (any Error).self) { try DashboardSettings(json: Data("{\"sort\": ".utf8)) }
        #expect(throws: (any Error).self) { try DashboardSettings(json: Data("[1, 2]".utf8)) }
        // What is written reads back the same.
        #expect(try DashboardSettings(json: read.json) == read)
    }

    @Test func batchIDLookupMatchesWholeBareOrByTheEnd() {
        let ids = ["batch_01ABC", "batch_02ABC", "batch_03XYZ", "other"]
        #expect(BatchIDLookup.find("batch_01ABC", in: ids) == ["batch_01ABC"])
        #expect(BatchIDLookup.find(" 01abc ", in: ids) == ["batch_01ABC"])
        #expect(BatchIDLookup.find("ABC", in: ids) == ["batch_01ABC", "batch_02ABC"])
        #expect(BatchIDLookup.find("…3XYZ", in: ids) == ["batch_03XYZ"])
        #expect(BatchIDLookup.find("other", in: ids) == ["other"])
        #expect(BatchIDLookup.find("batch_", in: ids) == [])
        #expect(BatchIDLookup.find("zzz", in: ids) == [])
    }
}
