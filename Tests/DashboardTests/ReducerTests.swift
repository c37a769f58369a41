import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Reducer tests: each sends one action and asserts the whole new state (by building the expected
/// state from the old one) and every effect asked for.
@Suite struct ReducerTests {
    typealias F = Fixtures

    @Test func startAsksForBalanceModelsAndTheFirstPage() {
        var state = DashboardState(options: F.options, now: F.t0, width: 120, height: 40)
        var expected = state
        let effects = reduce(&state, .start(at: F.t0))
        #expect(effects == [.fetchBalance, .fetchModels, .fetchListPage(after: nil)])
        expected.poll.roundActive = true
        expected.poll.roundStartedAt = F.t0
        expected.poll.outstanding = 1
        #expect(state == expected)
    }

    @Test func firstPageFillsTheListAndSchedulesTheNextPoll() {
        var state = DashboardState(options: F.options, now: F.t0, width: 120, height: 40)
        _ = reduce(&state, .start(at: F.t0))
        let batches = F.mixed
        let effects = reduce(&state, .listPageLoaded(F.page(batches), at: F.t0))
        // Nothing moved yet (first sight), 3 batches are active: twice the base interval.
        #expect(effects == [.schedulePoll(after: 4)])
        #expect(state.order == batches.map(\.id))
        #expect(state.selectedID == batches[0].id)
        #expect(state.selectedIndex == 0)
        #expect(state.activeIDs == Set([batches[0].id, batches[1].id, batches[4].id]))
        #expect(state.connection == .live)
        #expect(state.poll.roundActive == false)
        #expect(state.poll.outstanding == 0)
        #expect(state.poll.listFullyLoaded)
        #expect(state.poll.nextPollAt == F.at(4))
        #expect(state.poll.lastSuccessAt == F.t0)
        // Results in a list page are not kept (a GET brings them, into the spool), so a server that
        // sends them everywhere cannot fill memory.
        #expect(state.results[batches[2].id] == nil && state.batches[batches[2].id]?.results == nil)
        #expect(state.usage[batches[2].id] == nil)
        _ = reduce(&state, .batchLoaded(F.spooled(batches[2]), at: F.t0))
        #expect(state.results[batches[2].id]?.map(\.customID) == ["doc-001", "doc-002", "doc-003"])
        #expect(state.usage[batches[2].id] == TokenUsage(promptTokens: 52, completionTokens: 20, totalTokens: 72))
    }

    @Test func listWalksEveryPageOnFirstLoadThenOnlyNewOnes() {
        var state = DashboardState(options: F.options, now: F.t0)
        _ = reduce(&state, .start(at: F.t0))
        let newest = [F.batch(9, status: .completed, total: 1, completed: 1)]
        let older = [F.batch(8, status: .completed, total: 1, completed: 1)]
        #expect(reduce(&state, .listPageLoaded(F.page(newest, hasMore: true), at: F.t0)) == [.fetchListPage(after: newest[0].id)])
        #expect(state.poll.outstanding == 1)
        // The selected batch is terminal without results: one GET for it.
        #expect(reduce(&state, .listPageLoaded(F.page(older), at: F.t0)) == [.fetchBatch(id: newest[0].id)])
        let withResults = Batch(id: newest[0].id, status: .completed, createdAt: newest[0].createdAt,
                                requestCounts: RequestCounts(total: 1, completed: 1), results: [F.okResult("a")])
        #expect(reduce(&state, .batchLoaded(F.spooled(withResults), at: F.t0)) == [.schedulePoll(after: 10)])
        // Next round: the first page holds nothing new, so the walk stops and nothing is fetched again.
        // Later rounds start with a small page: only what is new has to show.
        #expect(reduce(&state, .pollDue(at: F.at(10))) == [.fetchListPage(after: nil, limit: 20)])
        #expect(reduce(&state, .listPageLoaded(F.page(newest, hasMore: true), at: F.at(10))) == [.schedulePoll(after: 10)])
        // A page of nothing but new batches walks on (with full pages); one that reaches a known batch stops.
        let burst = [F.batch(11, status: .completed, total: 1, completed: 1), F.batch(10, status: .completed, total: 1, completed: 1)]
        _ = reduce(&state, .pollDue(at: F.at(20)))
        #expect(reduce(&state, .listPageLoaded(F.page(burst, hasMore: true), at: F.at(20)))
            == [.fetchListPage(after: burst[1].id, limit: 100)])
        #expect(reduce(&state, .listPageLoaded(F.page(newest + older, hasMore: true), at: F.at(20))) == [.schedulePoll(after: 10)])
        #expect(state.results[newest[0].id] == F.summaries([F.okResult("a")]), "the list never erases results")
        #expect(state.batches[newest[0].id]?.results == nil, "results live as summaries, not in the batch")
    }

    @Test func movementPollsAtTheBaseIntervalAndGivesAnETA() {
        var state = F.loaded([F.batch(1, total: 100, completed: 10)])
        _ = reduce(&state, .pollDue(at: F.at(4)))
        let effects = reduce(&state, .listPageLoaded(F.page([F.batch(1, total: 100, completed: 30)]), at: F.at(4)))
        #expect(effects == [.schedulePoll(after: 2)])
        #expect(state.changedAt == [F.batch(1).id: F.at(4)])
        #expect(state.progress[F.batch(1).id]?.itemsPerSecond == 5)
        #expect(state.progress[F.batch(1).id]?.eta(pending: 70) == 14)
        _ = reduce(&state, .tick(now: F.at(7)))
        #expect(state.changedAt.isEmpty, "highlights fade after two seconds")
    }

    @Test func activeBatchesOffThePageAreFetchedWithGet() {
        var state = F.loaded([F.batch(2, status: .completed, total: 1, completed: 1, results: [F.okResult("x")]),
                              F.batch(1, total: 5)])
        _ = reduce(&state, .pollDue(at: F.at(4)))
        // A new page shows only batch 3 (new) and has_more, but everything is loaded already.
        let effects = reduce(&state, .listPageLoaded(F.page([F.batch(3, total: 5)], hasMore: true), at: F.at(4)))
        #expect(effects == [.fetchListPage(after: F.batch(3).id)])
        let second = reduce(&state, .listPageLoaded(F.page([F.batch(2, status: .completed, total: 1, completed: 1)], hasMore: true), at: F.at(4)))
        #expect(second == [.fetchBatch(id: F.batch(1).id)], "batch 1 is active and was not on the pages read")
        #expect(state.poll.outstanding == 1)
    }

    @Test func watchedBatchEndingSaysSoAndRings() {
        var state = F.loaded([F.batch(1, total: 500, completed: 400, failed: 2)])
        _ = reduce(&state, .pollDue(at: F.at(2)))
        let done = F.batch(1, status: .completed, total: 500, completed: 498, failed: 2)
        let effects = reduce(&state, .listPageLoaded(F.page([done]), at: F.at(2)))
        // Selected, terminal, no results yet: GET it for its results; the bell rings at once.
        #expect(effects == [.bell, .fetchBatch(id: done.id)])
        #expect(state.message == StatusMessage("\(done.id) completed: 498 ok, 2 failed", at: F.at(2)))
        #expect(state.activeIDs.isEmpty)
        #expect(state.progress.isEmpty)
    }

    @Test func errorsBackOffByDoublingAndHonourRetryAfter() {
        var state = F.loaded([F.batch(1)])
        let refused = MeshError(kind: .network, message: "connection refused")
        var delays: [Double] = []
        for attempt in 1...6 {
            let at = F.at(Double(attempt * 100))
            _ = reduce(&state, .pollDue(at: at))
            let effects = reduce(&state, .listFailed(refused, at: at))
            guard case .schedulePoll(let delay) = effects.first, effects.count == 1 else {
                Issue.record("expected one schedulePoll, got \(effects)")
                return
            }
            delays.append(delay)
        }
        #expect(delays == [4, 8, 16, 32, 60, 60])
        #expect(state.connection == .failing(error: "network: connection refused", since: F.at(100), failures: 6,
                                             nextAttempt: F.at(660)))
        #expect(state.order == [F.batch(1).id], "last good data stays")

        let limited = MeshError(kind: .api, status: 429, code: "rate_limit_exceeded", message: "slow down", retryAfter: 90)
        _ = reduce(&state, .pollDue(at: F.at(1000)))
        #expect(reduce(&state, .listFailed(limited, at: F.at(1000))) == [.schedulePoll(after: 90)])

        _ = reduce(&state, .pollDue(at: F.at(1100)))
        #expect(reduce(&state, .listPageLoaded(F.page([F.batch(1)]), at: F.at(1100))) == [.schedulePoll(after: 4)])
        #expect(state.connection == .live)
        #expect(state.poll.consecutiveFailures == 0)
    }

    @Test func pollsNeverOverlap() {
        var state = DashboardState(options: F.options, now: F.t0)
        _ = reduce(&state, .start(at: F.t0))
        #expect(reduce(&state, .pollDue(at: F.t0)) == [])
        #expect(state.poll.refreshQueued)
        // The queued poll starts as soon as the round ends.
        #expect(reduce(&state, .listPageLoaded(F.page([]), at: F.t0)) == [.fetchListPage(after: nil, limit: 20)])
    }

    @Test func pauseAndResume() {
        var state = F.loaded([F.batch(1)])
        #expect(reduce(&state, .key(.character("p"))) == [.cancelPoll])
        #expect(state.poll.paused && state.poll.nextPollAt == nil)
        #expect(reduce(&state, .key(.character("p"))) == [.fetchListPage(after: nil, limit: 20)])
        #expect(!state.poll.paused)
    }

    @Test func refreshPollsNow() {
        var state = F.loaded([F.batch(1)])
        #expect(reduce(&state, .key(.character("r"))) == [.cancelPoll, .fetchListPage(after: nil, limit: 20)])
    }

    @Test func intervalKeysStepAndReArm() {
        var state = F.loaded([F.batch(1)])
        #expect(reduce(&state, .key(.character("+"))) == [.schedulePoll(after: 2)])
        #expect(state.poll.baseInterval == 1)
        #expect(reduce(&state, .key(.character("-"))) == [.schedulePoll(after: 4)])
        #expect(state.poll.baseInterval == 2)
        #expect(state.message?.text == "poll every 2s")
    }

    @Test func selectionFollowsTheBatchWhenRowsMove() {
        var state = F.loaded([F.batch(2), F.batch(1)])
        _ = reduce(&state, .key(.down))
        #expect(state.selectedID == F.batch(1).id)
        _ = reduce(&state, .pollDue(at: F.at(2)))
        _ = reduce(&state, .listPageLoaded(F.page([F.batch(3), F.batch(2), F.batch(1)]), at: F.at(2)))
        #expect(state.selectedID == F.batch(1).id)
        #expect(state.selectedIndex == 2)
    }

    @Test func movementKeys() {
        var state = F.loaded((1...50).map { F.batch($0) }, width: 80, height: 24)
        _ = reduce(&state, .key(.character("j")))
        #expect(state.selectedIndex == 1)
        _ = reduce(&state, .key(.character("k")))
        #expect(state.selectedIndex == 0)
        _ = reduce(&state, .key(.pageDown))
        #expect(state.selectedIndex == Layout(width: 80, height: 24).listRows)
        _ = reduce(&state, .key(.character("G")))
        #expect(state.selectedIndex == 49)
        #expect(state.listScroll == 50 - Layout(width: 80, height: 24).listRows)
        _ = reduce(&state, .key(.home))
        #expect(state.selectedIndex == 0 && state.listScroll == 0)
        _ = reduce(&state, .key(.wheelDown))
        #expect(state.selectedIndex == 3)
        _ = reduce(&state, .key(.click(row: Layout(width: 80, height: 24).listFirstRow + 5, column: 3)))
        #expect(state.selectedIndex == 5)
        _ = reduce(&state, .key(.tab))
        #expect(state.focus == .detail)
        _ = reduce(&state, .key(.down))
        #expect(state.detailScroll == 1 && state.selectedIndex == 5)
    }

    @Test func filterSortAndStatusFilter() {
        var state = F.loaded(F.mixed)
        _ = reduce(&state, .key(.character("/")))
        #expect(state.filterEditing)
        for character in "gpt" { _ = reduce(&state, .key(.character(character))) }
        #expect(state.order == [F.mixed[1].id, F.mixed[2].id])
        _ = reduce(&state, .key(.enter))
        #expect(!state.filterEditing && state.filterText == "gpt")
        _ = reduce(&state, .key(.escape))
        #expect(state.filterText.isEmpty && state.order.count == 5)
        _ = reduce(&state, .key(.character("f")))
        #expect(state.statusFilter == .active)
        #expect(state.order == [F.mixed[0].id, F.mixed[1].id, F.mixed[4].id])
        _ = reduce(&state, .key(.character("f")))
        #expect(state.order == [F.mixed[0].id, F.mixed[2].id, F.mixed[3].id], "failed: ended badly or has failed items")
        _ = reduce(&state, .key(.character("f")))
        _ = reduce(&state, .key(.character("f")))
        #expect(state.statusFilter == .all)
        _ = reduce(&state, .key(.character("s")))
        #expect(state.sort == .status)
        #expect(state.order.first == F.mixed[0].id)
        _ = reduce(&state, .key(.character("s")))
        #expect(state.sort == .progress)
        #expect(state.order.first == F.mixed[1].id)
    }

    @Test func cancelAsksWithNoFocusedThenCancels() {
        var state = F.loaded(F.mixed)
        let id = F.mixed[0].id
        #expect(reduce(&state, .key(.character("c"))) == [])
        #expect(state.overlay == .confirmCancel(batchID: id, yesFocused: false))
        #expect(reduce(&state, .key(.enter)) == [], "Enter on No closes")
        #expect(state.overlay == .none)
        _ = reduce(&state, .key(.character("c")))
        _ = reduce(&state, .key(.right))
        #expect(reduce(&state, .key(.enter)) == [.cancelBatch(id: id)])
        #expect(state.cancelRequested == [id])
        #expect(state.shownStatus(state.batches[id]!) == .cancelling)
        var answer = F.mixed[0]
        answer.status = .cancelling
        #expect(reduce(&state, .cancelFinished(answer, at: F.at(1))) == [])
        #expect(state.cancelRequested.isEmpty)
        #expect(state.message?.text == "cancel sent: \(id) is cancelling")
    }

    @Test func cancelFailureShowsAndUndoes() {
        var state = F.loaded(F.mixed)
        let id = F.mixed[0].id
        _ = reduce(&state, .key(.character("c")))
        _ = reduce(&state, .key(.character("y")))
        let conflict = MeshError(kind: .api, status: 409, code: "conflict", message: "batch is completed")
        #expect(reduce(&state, .cancelFailed(id: id, conflict, at: F.at(1))) == [])
        #expect(state.cancelRequested.isEmpty)
        #expect(state.message == StatusMessage("cancel \(id) failed: 409 conflict: batch is completed", isError: true, at: F.at(1)))
    }

    @Test func cancelIsNotOfferedOnTerminalBatchesNorReadonly() {
        var state = F.loaded(F.mixed)
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.character("c")))
        #expect(state.overlay == .none)
        #expect(state.message?.text == "\(F.mixed[2].id) is completed: nothing to cancel")

        var readonly = F.options
        readonly.readonly = true
        var ro = DashboardState(options: readonly, now: F.t0)
        _ = reduce(&ro, .listPageLoaded(F.page(F.mixed), at: F.t0))
        _ = reduce(&ro, .key(.character("c")))
        #expect(ro.overlay == .none)
        #expect(!KeyTable.offered(in: .list, readonly: true).contains { $0.dangerous })
    }

    @Test func itemsViewFilterBodyAndExport() {
        var state = F.loaded(F.mixed)
        let batch = F.mixed[2]
        _ = reduce(&state, .key(.down))
        _ = reduce(&state, .key(.down))
        #expect(reduce(&state, .key(.enter)) == [], "results are here already: no fetch")
        #expect(state.mode == .items(batchID: batch.id))
        #expect(state.items?.shown == [0, 1, 2])
        #expect(state.items?.failureGroups.map(\.code) == ["rate_limited"])
        _ = reduce(&state, .key(.character("f")))
        #expect(state.items?.shown == [2])
        let effects = reduce(&state, .key(.character("e")))
        let failedSpan = F.summaries(batch.results ?? [])[2].span
        let fileName = "meshtop-\(batch.id)-failed.jsonl"
        #expect(effects == [.exportItems(fileName: fileName, spans: [failedSpan])])
        _ = reduce(&state, .exportFinished(path: "./\(fileName)"))
        #expect(state.message?.text == "exported items to ./\(fileName)")
        // The body is read from the spool by the runtime, then pretty-printed once.
        #expect(reduce(&state, .key(.enter)) == [.loadItemBody(batchID: batch.id, customID: "doc-003", span: failedSpan)])
        #expect(state.mode == .itemBody(batchID: batch.id, customID: "doc-003"))
        #expect(state.itemBody == ItemBody(batchID: batch.id, customID: "doc-003", outcome: .failed))
        _ = reduce(&state, .itemBodyLoaded(batchID: batch.id, customID: "other", .null))
        #expect(state.itemBody?.lines == nil, "an answer for another item is ignored")
        _ = reduce(&state, .itemBodyLoaded(batchID: batch.id, customID: "doc-003", F.json(F.failedResult("doc-003"))))
        #expect(state.itemBody?.lines?.contains("  \"custom_id\" : \"doc-003\",") == true)
        _ = reduce(&state, .key(.down))
        #expect(state.bodyScroll == 1)
        _ = reduce(&state, .key(.escape))
        #expect(state.mode == .items(batchID: batch.id) && state.itemBody == nil)
        _ = reduce(&state, .key(.escape))
        #expect(state.mode == .list && state.items == nil)
    }

    /// With room for 5 item summaries, batches of 3 push each other out, least recently used first,
    /// except the batch on screen; each eviction gives its spool range back, usage stays.
    @Test func resultsBeyondTheBudgetGiveWayOldestFirstButNeverTheOneOnScreen() {
        var options = F.options
        options.keptResultItems = 5
        var state = DashboardState(options: options, now: F.t0, width: 120, height: 40)
        _ = reduce(&state, .start(at: F.t0))
        let done = (1...3).map { F.batch($0, status: .completed, total: 3, completed: 3) }
        _ = reduce(&state, .listPageLoaded(F.page(done), at: F.t0))
        #expect(state.selectedID == done[2].id, "newest first: the third is selected")
        /// The batch's three results, end to end in the spool from `base`.
        func load(_ batch: Batch, at base: Int64) -> [Effect] {
            let items = (0..<3).map { ItemSummary(F.okResult("\(batch.id)-\($0)", tokens: 10), span: ByteSpan(offset: base + Int64($0) * 100, length: 100)) }
            let effects = reduce(&state, .batchLoaded(SpooledBatch(batch: batch, items: items, usage: TokenUsage(promptTokens: 1, completionTokens: 2)), at: F.t0))
            return effects.filter { if case .releaseResults = $0 { true } else { false } }
        }
        #expect(load(done[0], at: 0) == [])
        #expect(state.resultsRecency == [done[0].id])
        #expect(load(done[1], at: 1000) == [.releaseResults(spans: [ByteSpan(offset: 0, length: 300)])])
        #expect(state.resultsRecency == [done[1].id] && Set(state.results.keys) == [done[1].id])
        #expect(state.usage[done[0].id] == TokenUsage(promptTokens: 1, completionTokens: 2), "the detail pane's cost stays")
        #expect(load(done[2], at: 2000) == [.releaseResults(spans: [ByteSpan(offset: 1000, length: 300)])])
        // The selected batch's items are open: it is the oldest now, but on screen, so the newcomer goes.
        _ = reduce(&state, .key(.enter))
        #expect(state.mode == .items(batchID: done[2].id))
        #expect(load(done[0], at: 3000) == [.releaseResults(spans: [ByteSpan(offset: 3000, length: 300)])])
        #expect(state.resultsRecency == [done[2].id] && Set(state.results.keys) == [done[2].id])
        #expect(state.items?.shown == [0, 1, 2])
    }

    @Test func spansMergeWhereTheyTouchOrOverlap() {
        let spans = [ByteSpan(offset: 200, length: 100), ByteSpan(offset: 0, length: 100), ByteSpan(offset: 100, length: 100),
                     ByteSpan(offset: 500, length: 50), ByteSpan(offset: 520, length: 10), ByteSpan(offset: 540, length: 30),
                     ByteSpan(offset: 900, length: 0)]
        #expect(DashboardState.mergedSpans(spans) == [ByteSpan(offset: 0, length: 300), ByteSpan(offset: 500, length: 70)])
    }

    @Test func partialResultsOfACancellingBatchWaitForTheFinalOnes() {
        var state = DashboardState(options: F.options, now: F.t0, width: 120, height: 40)
        _ = reduce(&state, .start(at: F.t0))
        let cancelling = F.batch(1, status: .cancelling, total: 3, completed: 1, results: [F.okResult("a")])
        _ = reduce(&state, .listPageLoaded(F.page([cancelling]), at: F.t0))
        _ = reduce(&state, .batchLoaded(F.spooled(cancelling), at: F.t0, requestedID: cancelling.id))
        #expect(state.results[cancelling.id] == nil, "kept, they would stop the final set from being fetched")
        let cancelled = F.batch(1, status: .cancelled, total: 3, completed: 1, results: [F.okResult("a"), F.notRunResult("b")])
        _ = reduce(&state, .batchLoaded(F.spooled(cancelled), at: F.t0, requestedID: cancelled.id))
        #expect(state.results[cancelled.id]?.map(\.outcome) == [.succeeded, .notRun])
    }

    @Test func anAnswerUnderAnotherIdStillEndsTheFetch() {
        var state = DashboardState(options: F.options, now: F.t0, width: 120, height: 40)
        _ = reduce(&state, .start(at: F.t0))
        let done = F.batch(1, status: .completed, total: 1, completed: 1)
        #expect(reduce(&state, .listPageLoaded(F.page([done]), at: F.t0)) == [.fetchBatch(id: done.id)])
        var renamed = F.spooled(done)
        renamed.batch.id = done.id.lowercased()
        _ = reduce(&state, .batchLoaded(renamed, at: F.t0, requestedID: done.id))
        #expect(state.poll.fetching.isEmpty && state.poll.outstanding == 0)
    }

    @Test func openingAFinishedBatchWithoutResultsFetchesIt() {
        var state = DashboardState(options: F.options, now: F.t0, width: 120, height: 40)
        _ = reduce(&state, .start(at: F.t0))
        #expect(reduce(&state, .listPageLoaded(F.page([F.batch(1, status: .completed, total: 2, completed: 2)]), at: F.t0))
            == [.fetchBatch(id: F.batch(1).id)])
        // The first round already asked for it: Enter does not ask again while that GET is under way.
        #expect(state.poll.fetching == [F.batch(1).id])
        #expect(reduce(&state, .key(.enter)) == [])
        _ = reduce(&state, .key(.escape))
        _ = reduce(&state, .batchFailed(id: F.batch(1).id, MeshError(kind: .timeout, message: "slow"), at: F.at(1)))
        #expect(state.poll.fetching.isEmpty)
        #expect(reduce(&state, .key(.enter)) == [.fetchBatch(id: F.batch(1).id)])
        #expect(state.poll.fetching == [F.batch(1).id] && state.poll.outstanding == 1)
    }

    @Test func runningBatchItemsExportSaysWhy() {
        var state = F.loaded(F.mixed)
        _ = reduce(&state, .key(.enter))
        #expect(reduce(&state, .key(.character("e"))) == [])
        #expect(state.message?.text == "nothing to export yet: Mesh returns item results when the batch ends")
    }

    @Test func helpThemeProfileQuit() {
        var state = F.loaded(F.mixed)
        _ = reduce(&state, .key(.character("?")))
        #expect(state.overlay == .help)
        _ = reduce(&state, .key(.escape))
        #expect(state.overlay == .none)
        #expect(reduce(&state, .key(.character("t"))) == [.setTheme(name: "dark")])
        _ = reduce(&state, .themeApplied(name: "dark"))
        #expect(state.options.themeName == "dark")
        #expect(reduce(&state, .key(.character("P"))) == [.switchProfile(name: "home")])
        let effects = reduce(&state, .profileSwitched(name: "home", endpointLabel: "home", at: F.at(5)))
        // The old owner's item results give their spool space back (the fixture's spans overlap).
        let released = [0, 1000, 2000].map { ByteSpan(offset: $0, length: 100) }
        #expect(effects == [.releaseResults(spans: released), .cancelPoll, .fetchBalance, .fetchModels, .fetchListPage(after: nil)])
        #expect(state.batches.isEmpty && state.results.isEmpty && state.options.profileName == "home")
        #expect(reduce(&state, .key(.character("q"))) == [.quit])
        #expect(reduce(&state, .key(.control("c"))) == [.quit])
        #expect(reduce(&state, .key(.control("a"))) == [], "no tmux-prefix bindings")
    }

    @Test func balanceModelsResize() {
        var state = F.loaded([])
        _ = reduce(&state, .balanceLoaded(3.5))
        #expect(state.balanceUSD == 3.5)
        _ = reduce(&state, .balanceFailed(MeshError(kind: .api, status: 404, message: "no")))
        #expect(state.balanceUSD == nil)
        _ = reduce(&state, .modelsLoaded([ModelInfo(id: "m", name: "M", provider: nil, supportsBatching: true, pricing: nil)]))
        #expect(state.models.keys.sorted() == ["m"])
        _ = reduce(&state, .resize(width: 60, height: 15))
        #expect(state.width == 60 && state.height == 15)
    }

    @Test func notFoundBatchIsReportedWithoutBackoff() {
        var state = F.loaded([F.batch(1)])
        _ = reduce(&state, .key(.character("r")))
        _ = reduce(&state, .listPageLoaded(F.page([]), at: F.at(1)))
        let effects = reduce(&state, .batchFailed(id: F.batch(1).id, MeshError(kind: .api, status: 404, message: "not found"), at: F.at(1)))
        #expect(effects == [.schedulePoll(after: 4)])
        #expect(state.connection == .live)
        #expect(state.message?.isError == true)
    }
}
