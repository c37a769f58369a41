import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// Reducer tests: every step goes through `ReducerStore.send`, which states every effect asked for
/// and every change of the state; any other change fails the test.
@Suite struct ReducerTests {
    typealias F = Fixtures
    static let e = Epoch()
    static let big = Layout(width: 120, height: 40)

    /// The list's first page is asked for first: the first frame with data waits for it alone.
    @Test func startAsksForTheFirstPageThenBalanceAndModels() {
        var store = ReducerStore(F.fresh())
        store.send(.start(at: F.t0), [.api(.listPage(after: nil, limit: 100), Self.e),
                                      .api(.balance, Self.e), .api(.models, Self.e)]) {
            $0.poll.round.active = true
            $0.poll.round.startedAt = F.t0
            $0.poll.round.outstanding = 1
        }
    }

    @Test func firstPageFillsTheListAndSchedulesTheNextPoll() {
        var store = ReducerStore(F.fresh())
        store.skip(.start(at: F.t0))
        let batches = F.mixed
        let active = [batches[0], batches[1], batches[4]]
        // Nothing moved yet (first sight), 3 batches are active: twice the base interval.
        store.send(.listPageLoaded(F.page(batches), at: F.t0, epoch: Self.e), [.timer(.schedulePoll(after: 4))]) {
            // Results in a list page are not kept (a GET brings them, into the spool), so a server
            // that sends them everywhere cannot fill memory.
            for batch in batches { $0.mirror.batches[batch.id] = bare(batch) }
            $0.mirror.activeIDs = Set(active.map(\.id))
            for batch in active { $0.mirror.progress[batch.id, default: ProgressHistory()].record(finished: batch.requestCounts!.finished, at: F.t0) }
            $0.mirror.everLoaded = true
            $0.mirror.slotHistory.record(used: 3, at: F.t0)
            roundEnded(&$0, at: F.t0, delay: 4)
            $0.poll.connection.lastSuccessAt = F.t0
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = Set(batches.map(\.id))
            $0.poll.walk.fullyLoaded = true
            $0.list.order = batches.map(\.id)
            $0.list.selectedID = batches[0].id
            $0.list.scroll.selected = 0
        }
        #expect(store.state.list.scroll.selected == 0)
        store.send(.batchLoaded(F.spooled(batches[2]), at: F.t0, requestedID: batches[2].id, epoch: Self.e)) {
            $0.results.items[batches[2].id] = F.summaries(batches[2].results!)
            $0.results.recency = [batches[2].id]
            $0.mirror.usage[batches[2].id] = TokenUsage(promptTokens: 52, completionTokens: 20, totalTokens: 72)
        }
        #expect(store.state.results[batches[2].id]?.map(\.customID) == ["doc-001", "doc-002", "doc-003"])
    }

    @Test func listWalksEveryPageOnFirstLoadThenOnlyNewOnes() {
        var store = ReducerStore(F.fresh())
        store.skip(.start(at: F.t0))
        let newest = F.batch(9, status: .completed, total: 1, completed: 1)
        let older = F.batch(8, status: .completed, total: 1, completed: 1)
        store.send(.listPageLoaded(F.page([newest], hasMore: true), at: F.t0, epoch: Self.e),
                   [.api(.listPage(after: newest.id, limit: 100), Self.e)]) {
            $0.mirror.batches[newest.id] = newest
            $0.mirror.everLoaded = true
            $0.mirror.slotHistory.record(used: 0, at: F.t0)
            $0.poll.connection.lastSuccessAt = F.t0
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = [newest.id]
            $0.poll.walk.cursors = [newest.id]
            $0.list.order = [newest.id]
            $0.list.selectedID = newest.id
            $0.list.scroll.selected = 0
        }
        // The selected batch is terminal without results: one GET for it.
        store.send(.listPageLoaded(F.page([older]), at: F.t0, epoch: Self.e), [.api(.batch(id: newest.id), Self.e)]) {
            $0.mirror.batches[older.id] = older
            $0.poll.round.pages = 2
            $0.poll.walk.pages = 2
            $0.poll.round.seen = [newest.id, older.id]
            $0.poll.walk.fullyLoaded = true
            $0.poll.fetches.underWay = [newest.id]
            $0.list.order = [newest.id, older.id]
        }
        let withResults = Batch(id: newest.id, status: .completed, createdAt: newest.createdAt,
                                requestCounts: RequestCounts(total: 1, completed: 1), results: [F.okResult("a")])
        store.send(.batchLoaded(F.spooled(withResults), at: F.t0, requestedID: newest.id, epoch: Self.e),
                   [.timer(.schedulePoll(after: 10))]) {
            $0.mirror.batches[newest.id] = bare(withResults)
            $0.mirror.usage[newest.id] = TokenUsage(promptTokens: 20, completionTokens: 10, totalTokens: 30)
            $0.results.items[newest.id] = F.summaries([F.okResult("a")])
            $0.results.recency = [newest.id]
            $0.poll.fetches.underWay = []
            roundEnded(&$0, at: F.t0, delay: 10)
        }
        // Next round: later rounds start with a small page: only what is new has to show.
        store.send(.pollDue(at: F.at(10)), [.api(.listPage(after: nil, limit: 20), Self.e)]) {
            roundStarted(&$0, at: F.at(10))
        }
        // The first page holds nothing new, so the walk stops and nothing is fetched again.
        store.send(.listPageLoaded(F.page([newest], hasMore: true), at: F.at(10), epoch: Self.e), [.timer(.schedulePoll(after: 10))]) {
            $0.mirror.batches[newest.id] = newest
            $0.poll.connection.lastSuccessAt = F.at(10)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = [newest.id]
            roundEnded(&$0, at: F.at(10), delay: 10)
        }
        // A page of nothing but new batches walks on (with full pages); one that reaches a known batch stops.
        let burst = [F.batch(11, status: .completed, total: 1, completed: 1), F.batch(10, status: .completed, total: 1, completed: 1)]
        store.skip(.pollDue(at: F.at(20)))
        store.send(.listPageLoaded(F.page(burst, hasMore: true), at: F.at(20), epoch: Self.e),
                   [.api(.listPage(after: burst[1].id, limit: 100), Self.e)]) {
            for batch in burst { $0.mirror.batches[batch.id] = batch }
            $0.poll.connection.lastSuccessAt = F.at(20)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = Set(burst.map(\.id))
            $0.poll.walk.cursors = [burst[1].id]
            // Ordered where this round's walk stops, not after each page on the way.
            $0.list.orderDirty = true
        }
        store.send(.listPageLoaded(F.page([newest, older], hasMore: true), at: F.at(20), epoch: Self.e),
                   [.timer(.schedulePoll(after: 10))]) {
            $0.list.order = burst.map(\.id) + [newest.id, older.id]
            $0.list.orderDirty = false
            $0.list.scroll.selected = 2
            $0.poll.round.pages = 2
            $0.poll.walk.pages = 2
            $0.poll.round.seen.formUnion([newest.id, older.id])
            roundEnded(&$0, at: F.at(20), delay: 10)
        }
        #expect(store.state.results[newest.id] == F.summaries([F.okResult("a")]), "the list never erases results")
        #expect(store.state.mirror.batches[newest.id]?.results == nil, "results live as summaries, not in the batch")
    }

    @Test func movementPollsAtTheBaseIntervalAndGivesAnETA() {
        let id = F.batch(1).id
        var store = ReducerStore(F.loaded([F.batch(1, total: 100, completed: 10)]))
        store.skip(.pollDue(at: F.at(4)))
        let moved = F.batch(1, total: 100, completed: 30)
        store.send(.listPageLoaded(F.page([moved]), at: F.at(4), epoch: Self.e), [.timer(.schedulePoll(after: 2))]) {
            $0.mirror.batches[id] = moved
            $0.mirror.changedAt = [id: F.at(4)]
            $0.mirror.progress[id]!.record(finished: 30, at: F.at(4))
            $0.poll.round.sawMovement = true
            $0.poll.connection.lastSuccessAt = F.at(4)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = [id]
            roundEnded(&$0, at: F.at(4), delay: 2)
        }
        #expect(store.state.mirror.progress[id]?.itemsPerSecond == 5)
        #expect(store.state.mirror.progress[id]?.eta(pending: 70) == 14)
        // Highlights fade after two seconds.
        store.send(.tick(now: F.at(7))) {
            $0.now = F.at(7)
            $0.mirror.changedAt = [:]
        }
    }

    @Test func activeBatchesOffThePageAreFetchedWithGet() {
        let done = F.batch(2, status: .completed, total: 1, completed: 1, results: [F.okResult("x")])
        var store = ReducerStore(F.loaded([done, F.batch(1, total: 5)]))
        store.skip(.pollDue(at: F.at(4)))
        // A new page shows only batch 3 (new) and has_more, but everything is loaded already.
        let new = F.batch(3, total: 5)
        store.send(.listPageLoaded(F.page([new], hasMore: true), at: F.at(4), epoch: Self.e),
                   [.api(.listPage(after: new.id, limit: 100), Self.e)]) {
            $0.mirror.batches[new.id] = new
            $0.mirror.activeIDs.insert(new.id)
            $0.mirror.progress[new.id, default: ProgressHistory()].record(finished: 0, at: F.at(4))
            $0.mirror.slotHistory.record(used: 2, at: F.at(4))
            $0.poll.connection.lastSuccessAt = F.at(4)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = [new.id]
            $0.poll.walk.cursors = [new.id]
            // Ordered where this round's walk stops, not after each page on the way.
            $0.list.orderDirty = true
        }
        let doneBare = F.batch(2, status: .completed, total: 1, completed: 1)
        store.send(.listPageLoaded(F.page([doneBare], hasMore: true), at: F.at(4), epoch: Self.e),
                   [.api(.batch(id: F.batch(1).id), Self.e)]) {
            // Batch 1 is active and was not on the pages read.
            $0.poll.round.pages = 2
            $0.poll.walk.pages = 2
            $0.poll.round.seen.insert(done.id)
            $0.poll.fetches.underWay = [F.batch(1).id]
            $0.list.order = [new.id, done.id, F.batch(1).id]
            $0.list.orderDirty = false
            $0.list.scroll.selected = 1
        }
        #expect(store.state.poll.round.outstanding == 1)
    }

    @Test func watchedBatchEndingSaysSoAndRings() {
        var store = ReducerStore(F.loaded([F.batch(1, total: 500, completed: 400, failed: 2)]))
        store.skip(.pollDue(at: F.at(2)))
        let done = F.batch(1, status: .completed, total: 500, completed: 498, failed: 2)
        // Selected, terminal, no results yet: GET it for its results; the bell rings at once.
        store.send(.listPageLoaded(F.page([done]), at: F.at(2), epoch: Self.e), [.terminal(.bell), .api(.batch(id: done.id), Self.e)]) {
            $0.mirror.batches[done.id] = done
            $0.mirror.changedAt[done.id] = F.at(2)
            $0.mirror.activeIDs = []
            $0.mirror.progress = [:]
            $0.mirror.slotHistory.record(used: 0, at: F.at(2))
            $0.message = StatusMessage("\(done.id) completed: 498 ok, 2 failed", at: F.at(2))
            $0.poll.round.ended = [.completed]
            $0.events.append(LoggedEvent(.completed, at: F.at(2), batchID: done.id, text: "498 ok, 2 failed"))
            $0.poll.round.sawMovement = true
            $0.poll.connection.lastSuccessAt = F.at(2)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = [done.id]
            $0.poll.fetches.underWay = [done.id]
        }
    }

    @Test func errorsBackOffByDoublingAndHonourRetryAfter() {
        var store = ReducerStore(F.loaded([F.batch(1)]))
        let refused = MeshError(kind: .network, message: "connection refused")
        for (attempt, delay) in zip(1...6, [4.0, 8, 16, 32, 60, 60]) {
            let at = F.at(Double(attempt * 100))
            store.skip(.pollDue(at: at))
            store.send(.listFailed(refused, at: at, epoch: Self.e), [.timer(.schedulePoll(after: delay))]) {
                $0.poll.round.error = MeshErrorSummary(refused, onListRoute: true)
                roundEnded(&$0, at: at, delay: delay)
                $0.poll.backoff.failures = attempt
                $0.poll.connection.state = .failing(ConnectionFailure(kind: .outage, words: "network: connection refused",
                                                                since: F.at(100), failures: attempt,
                                                                nextAttempt: at.addingTimeInterval(delay)))
            }
        }
        #expect(store.state.poll.connection.state == .failing(ConnectionFailure(kind: .outage, words: "network: connection refused",
                                                                          since: F.at(100), failures: 6, nextAttempt: F.at(660))))
        #expect(store.state.list.order == [F.batch(1).id], "last good data stays")

        let limited = MeshError(kind: .api, status: 429, code: "rate_limit_exceeded", message: "slow down", retryAfter: 90)
        store.skip(.pollDue(at: F.at(1000)))
        store.send(.listFailed(limited, at: F.at(1000), epoch: Self.e), [.timer(.schedulePoll(after: 90))]) {
            $0.poll.round.error = MeshErrorSummary(limited, onListRoute: true)
            roundEnded(&$0, at: F.at(1000), delay: 90)
            $0.poll.backoff.failures = 7
            $0.poll.connection.state = .failing(ConnectionFailure(kind: .outage, words: limited.description, since: F.at(100),
                                                            failures: 7, nextAttempt: F.at(1090)))
        }
        store.skip(.pollDue(at: F.at(1100)))
        store.send(.listPageLoaded(F.page([F.batch(1)]), at: F.at(1100), epoch: Self.e), [.timer(.schedulePoll(after: 4))]) {
            $0.poll.connection.lastSuccessAt = F.at(1100)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = [F.batch(1).id]
            $0.mirror.slotHistory.record(used: 1, at: F.at(1100))
            roundEnded(&$0, at: F.at(1100), delay: 4)
            $0.poll.backoff.failures = 0
            $0.poll.connection.state = .live
        }
    }

    @Test func pollsNeverOverlap() {
        var store = ReducerStore(F.fresh())
        store.skip(.start(at: F.t0))
        store.send(.pollDue(at: F.t0)) {
            $0.poll.round.refreshQueued = true
        }
        // The queued poll starts as soon as the round ends.
        store.send(.listPageLoaded(F.page([]), at: F.t0, epoch: Self.e), [.api(.listPage(after: nil, limit: 20), Self.e)]) {
            $0.mirror.everLoaded = true
            $0.mirror.slotHistory.record(used: 0, at: F.t0)
            $0.poll.connection.lastSuccessAt = F.t0
            $0.poll.walk.fullyLoaded = true
            $0.poll.connection.state = .live
            $0.poll.round.refreshQueued = false
            // The round ended and the queued one started: one page asked for, counted again.
            $0.poll.round.pages = 0
            $0.poll.walk.pages = 0
        }
    }

    @Test func pauseAndResume() {
        var store = ReducerStore(F.loaded([F.batch(1)]))
        store.send(.key(.character("p")), [.timer(.cancelPoll)]) {
            $0.poll.paused = true
            $0.poll.backoff.nextPollAt = nil
            $0.message = StatusMessage("paused: p resumes", at: F.t0)
        }
        store.send(.key(.character("p")), [.api(.listPage(after: nil, limit: 20), Self.e)]) {
            $0.poll.paused = false
            $0.message = StatusMessage("resumed", at: F.t0)
            roundStarted(&$0, at: F.t0)
        }
    }

    @Test func refreshPollsNow() {
        var store = ReducerStore(F.loaded([F.batch(1)]))
        store.send(.key(.character("r")), [.timer(.cancelPoll), .api(.listPage(after: nil, limit: 20), Self.e)]) {
            roundStarted(&$0, at: F.t0)
        }
    }

    @Test func intervalKeysStepAndReArm() {
        var store = ReducerStore(F.loaded([F.batch(1)]))
        store.send(.key(.character("+")), [.timer(.schedulePoll(after: 2)), F.remembered { $0.pollInterval = 1 }]) {
            $0.poll.baseInterval = 1
            $0.poll.backoff.lastDelay = 2
            $0.poll.backoff.nextPollAt = F.at(2)
            $0.message = StatusMessage("poll every 1s", at: F.t0)
        }
        store.send(.key(.character("-")), [.timer(.schedulePoll(after: 4)), F.remembered()]) {
            $0.poll.baseInterval = 2
            $0.poll.backoff.lastDelay = 4
            $0.poll.backoff.nextPollAt = F.at(4)
            $0.message = StatusMessage("poll every 2s", at: F.t0)
        }
    }

    @Test func selectionFollowsTheBatchWhenRowsMove() {
        var store = ReducerStore(F.loaded([F.batch(2), F.batch(1)]))
        store.send(.key(.down)) {
            $0.list.scroll.selected = 1
            $0.list.selectedID = F.batch(1).id
        }
        store.skip(.pollDue(at: F.at(2)))
        let three = F.batch(3)
        store.send(.listPageLoaded(F.page([three, F.batch(2), F.batch(1)]), at: F.at(2), epoch: Self.e),
                   [.timer(.schedulePoll(after: 4))]) {
            $0.mirror.batches[three.id] = three
            $0.mirror.activeIDs.insert(three.id)
            // Batches 2 and 1 did not change: only the new one gets a progress sample.
            $0.mirror.progress[three.id, default: ProgressHistory()].record(finished: 0, at: F.at(2))
            $0.mirror.slotHistory.record(used: 3, at: F.at(2))
            $0.poll.connection.lastSuccessAt = F.at(2)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = Set([3, 2, 1].map { F.batch($0).id })
            roundEnded(&$0, at: F.at(2), delay: 4)
            $0.list.order = [three.id, F.batch(2).id, F.batch(1).id]
            $0.list.scroll.selected = 2
        }
        #expect(store.state.list.selectedID == F.batch(1).id)
        #expect(store.state.list.scroll.selected == 2)
    }

    @Test func movementKeys() {
        let small = Layout(width: 80, height: 24)
        let batches = (1...50).map { F.batch($0) }
        var store = ReducerStore(F.loaded(batches, width: 80, height: 24))
        let order = store.state.list.order
        // 80x24: the list shows 9 rows.
        #expect(small.listRows == 9)
        func select(_ index: Int, offset: Int = 0) -> (inout DashboardState) -> Void {
            { state in
                state.list.scroll = .selecting(offset: offset, selected: index)
                state.list.selectedID = order[index]
                state.list.detailScroll = .viewport
            }
        }
        store.send(.key(.character("j")), [], select(1))
        store.send(.key(.character("k")), [], select(0))
        store.send(.key(.pageDown), [], select(9, offset: 1))
        store.send(.key(.character("G")), [], select(49, offset: 41))
        store.send(.key(.home), [], select(0))
        store.send(.key(.wheelDown), [], select(3))
        store.send(.key(.click(row: small.listFirstRow + 5, column: 3)), [], select(5))
        store.send(.key(.tab)) { $0.list.focus = .detail }
        store.send(.key(.down)) { $0.list.detailScroll = .viewport(offset: 1) }
        #expect(store.state.list.detailScroll.offset == 1 && store.state.list.scroll.selected == 5)
    }

    @Test func filterSortAndStatusFilter() {
        let mixed = F.mixed
        var store = ReducerStore(F.loaded(mixed))
        store.send(.key(.character("/"))) { $0.list.filter.editing = true }
        // "g": in_progress, finalizing, openai/gpt, validating; not acme/no-batch-model (failed).
        store.send(.key(.character("g"))) {
            $0.list.filter.text = "g"
            $0.list.order = [mixed[0].id, mixed[1].id, mixed[2].id, mixed[4].id]
        }
        // The selected batch leaves the view: the selection stays on its row.
        store.send(.key(.character("p"))) {
            $0.list.filter.text = "gp"
            $0.list.order = [mixed[1].id, mixed[2].id]
            $0.list.selectedID = mixed[1].id
            $0.list.detailScroll = .viewport
        }
        store.send(.key(.character("t"))) { $0.list.filter.text = "gpt" }
        #expect(store.state.list.order == [mixed[1].id, mixed[2].id])
        store.send(.key(.enter)) { $0.list.filter.editing = false }
        store.send(.key(.escape)) {
            $0.list.filter.text = ""
            $0.list.order = mixed.map(\.id)
            $0.list.scroll.selected = 1
        }
        store.send(.key(.character("f")), [F.remembered { $0.statusFilter = .active }]) {
            $0.list.statusFilter = .active
            $0.list.order = [mixed[0].id, mixed[1].id, mixed[4].id]
            $0.list.scroll.selected = 1
            $0.message = StatusMessage("showing: active", at: F.t0)
        }
        store.send(.key(.character("f")), [F.remembered { $0.statusFilter = .done }]) {
            $0.list.statusFilter = .done
            $0.list.order = [mixed[2].id, mixed[3].id]
            $0.list.selectedID = mixed[3].id
            $0.list.detailScroll = .viewport
            $0.message = StatusMessage("showing: done", at: F.t0)
        }
        store.send(.key(.character("f")), [F.remembered { $0.statusFilter = .hasFailures }]) {
            // Ended badly or has failed items, whatever the status.
            $0.list.statusFilter = .hasFailures
            $0.list.order = [mixed[0].id, mixed[2].id, mixed[3].id]
            $0.list.scroll.selected = 2
            $0.message = StatusMessage("showing: has failures", at: F.t0)
        }
        store.send(.key(.character("f")), [F.remembered { $0.statusFilter = .failed }]) {
            $0.list.statusFilter = .failed
            $0.list.order = [mixed[3].id]
            $0.list.scroll.selected = 0
            $0.message = StatusMessage("showing: status failed", at: F.t0)
        }
        store.send(.key(.character("f")), [F.remembered()]) {
            $0.list.statusFilter = .all
            $0.list.order = mixed.map(\.id)
            $0.list.scroll.selected = 3
            $0.message = StatusMessage("showing: all", at: F.t0)
        }
        store.send(.key(.character("s")), [F.remembered { $0.sort = .status }]) {
            $0.list.sort = .status
            $0.list.order = BatchOrdering.order(batches: $0.mirror.batches, sort: .status, reversed: false, statusFilter: .all,
                                                filterText: "", progress: $0.mirror.progress)
            $0.list.scroll.selected = $0.list.order.firstIndex(of: mixed[3].id)!
            $0.message = StatusMessage("sorted by status", at: F.t0)
        }
        #expect(store.state.list.order.first == mixed[0].id)
        store.send(.key(.character("s")), [F.remembered { $0.sort = .progress }]) {
            $0.list.sort = .progress
            $0.list.order = BatchOrdering.order(batches: $0.mirror.batches, sort: .progress, reversed: false, statusFilter: .all,
                                                filterText: "", progress: $0.mirror.progress)
            $0.list.scroll.selected = $0.list.order.firstIndex(of: mixed[3].id)!
            $0.message = StatusMessage("sorted by progress", at: F.t0)
        }
        #expect(store.state.list.order.first == mixed[1].id)
    }

    /// A click on a heading sorts by its column, a second click reverses it; a heading that does not
    /// sort (ID) does nothing. At 120 columns the headings sit at STATUS 1-13, ID 15-40, MODEL 42-58,
    /// PROGRESS 60-81, AGE 83-86, ETA 88-93 (written out from the column widths: 13, 26, 17, 22, 4, 6).
    @Test func aClickOnAListHeadingSortsByIt() {
        let batches = [F.batch(1, model: "m/bbb"), F.batch(2, model: "m/aaa"), F.batch(3, model: "m/ccc")]
        var store = ReducerStore(F.loaded(batches))
        let row = Layout(width: 120, height: 40).list.row
        let ids = batches.map(\.id)
        #expect(store.state.list.order == [ids[2], ids[1], ids[0]])
        store.send(.key(.click(row: row, column: 45)), [F.remembered { $0.sort = .model }]) {
            $0.list.sort = .model
            $0.list.order = [ids[1], ids[0], ids[2]]
            $0.list.scroll.selected = 2
            $0.message = StatusMessage("sorted by model", at: F.t0)
        }
        store.send(.key(.click(row: row, column: 58)), [F.remembered { $0.sort = .model; $0.sortReversed = true }]) {
            $0.list.sortReversed = true
            $0.list.order = [ids[2], ids[0], ids[1]]
            $0.list.scroll.selected = 0
            $0.message = StatusMessage("sorted by model, reversed", at: F.t0)
        }
        store.send(.key(.click(row: row, column: 20)))
        store.send(.key(.click(row: row, column: 84)), [F.remembered()]) {
            $0.list.sort = .created
            $0.list.sortReversed = false
            $0.list.order = [ids[2], ids[1], ids[0]]
            $0.message = StatusMessage("sorted by created", at: F.t0)
        }
    }

    @Test func cancelAsksWithNoFocusedThenCancels() {
        var store = ReducerStore(F.loaded(F.mixed))
        let id = F.mixed[0].id
        store.send(.key(.character("c"))) { $0.overlay = .confirmCancel(CancelDialog(batchID: id, yesFocused: false)) }
        // Enter on No closes.
        store.send(.key(.enter)) { $0.overlay = .none }
        store.send(.key(.character("c"))) { $0.overlay = .confirmCancel(CancelDialog(batchID: id, yesFocused: false)) }
        store.send(.key(.right)) { $0.overlay = .confirmCancel(CancelDialog(batchID: id, yesFocused: true)) }
        store.send(.key(.enter), [.api(.cancel(id: id), Self.e)]) {
            $0.overlay = .none
            $0.mirror.cancelRequested = [id]
            $0.message = StatusMessage("cancelling \(id)…", at: F.t0)
        }
        #expect(store.state.mirror.shownStatus(store.state.mirror.batches[id]!) == .cancelling)
        var answer = F.mixed[0]
        answer.status = .cancelling
        store.send(.cancelFinished(answer, at: F.at(1), epoch: Self.e)) {
            $0.now = F.at(1)
            $0.mirror.batches[id] = bare(answer)
            $0.mirror.changedAt[id] = F.at(1)
            $0.mirror.cancelRequested = []
            $0.mirror.progress[id]!.record(finished: answer.requestCounts!.finished, at: F.at(1))
            $0.poll.round.sawMovement = true
            $0.list.order = BatchOrdering.order(batches: $0.mirror.batches, sort: .created, reversed: false, statusFilter: .all,
                                                filterText: "", progress: $0.mirror.progress)
            $0.message = StatusMessage("cancel sent: \(id) is cancelling", at: F.at(1))
        }
    }

    @Test func cancelFailureShowsAndUndoes() {
        var store = ReducerStore(F.loaded(F.mixed))
        let id = F.mixed[0].id
        store.skip(.key(.character("c")))
        store.send(.key(.character("y")), [.api(.cancel(id: id), Self.e)]) {
            $0.overlay = .none
            $0.mirror.cancelRequested = [id]
            $0.message = StatusMessage("cancelling \(id)…", at: F.t0)
        }
        let conflict = MeshError(kind: .api, status: 409, code: "conflict", message: "batch is completed")
        store.send(.cancelFailed(id: id, conflict, at: F.at(1), epoch: Self.e)) {
            $0.now = F.at(1)
            $0.mirror.cancelRequested = []
            $0.message = StatusMessage("cancel \(id) failed: 409 conflict: batch is completed", isError: true, at: F.at(1))
            $0.events.append(LoggedEvent(.refused, at: F.at(1), batchID: id, project: "Q2 Earnings Analysis",
                                         text: "cancel refused: 409 conflict: batch is completed"))
        }
    }

    @Test func cancelIsNotOfferedOnTerminalBatchesNorReadonly() {
        var store = ReducerStore(F.loaded(F.mixed))
        store.skip(.key(.down))
        store.skip(.key(.down))
        store.send(.key(.character("c"))) {
            $0.message = StatusMessage("\(F.mixed[2].id) is completed: nothing to cancel", at: F.t0)
        }
        var readonly = F.options
        readonly.readonly = true
        var state = DashboardState(options: readonly, now: F.t0, width: 120, height: 40)
        _ = reduce(&state, .start(at: F.t0))
        _ = reduce(&state, .listPageLoaded(F.page(F.mixed), at: F.t0, epoch: Self.e))
        var ro = ReducerStore(state)
        // Under --readonly `c` is offered nowhere, and pressed it says why it does nothing.
        ro.send(.key(.character("c"))) {
            $0.message = StatusMessage("read-only (--readonly): cancel is off", at: F.t0)
        }
        #expect(!Keymap.offered(in: .list, readonly: true).contains { $0.dangerous })
    }

    @Test func itemsViewFilterBodyAndExport() {
        var store = ReducerStore(F.loaded(F.mixed))
        let batch = F.mixed[2]
        let summaries = F.summaries(batch.results!)
        store.skip(.key(.down))
        store.skip(.key(.down))
        var screen = ItemsScreen(batchID: batch.id)
        screen.index = ItemsIndex(items: summaries, query: screen.query)
        screen.scroll = .selecting(selected: 0)
        // The results are here already: no fetch.
        store.send(.key(.enter)) { $0.route = .items(screen) }
        #expect(store.state.itemsScreen?.index?.shown == [0, 1, 2])
        #expect(store.state.itemsScreen?.index?.groups.map(\.code) == ["rate_limited"])
        store.send(.key(.character("f"))) {
            screen.outcome = .failed
            screen.index = ItemsIndex(items: summaries, query: screen.query)
            screen.scroll = .selecting(selected: 0)
            $0.route = .items(screen)
        }
        #expect(store.state.itemsScreen?.index?.shown == [2])
        let failedSpan = summaries[2].span
        // Named after what was exported.
        let fileName = "meshtop-\(batch.id)-failed.jsonl"
        store.send(.key(.character("e")), [.spool(.export(fileName: fileName, spans: [failedSpan]))]) {
            $0.results.readers = 1
            $0.message = StatusMessage("writing 1 items to \(fileName)…", at: F.t0)
        }
        store.send(.exportFinished(path: "./\(fileName)")) {
            $0.results.readers = 0
            $0.message = StatusMessage("exported items to ./\(fileName)", at: F.t0)
        }
        // The body is read from the spool by the runtime, then made readable once.
        var body = ItemBodyScreen(customID: "doc-003", outcome: .failed)
        store.send(.key(.enter), [.spool(.loadItemBody(batchID: batch.id, customID: "doc-003", span: failedSpan))]) {
            $0.route = .itemBody(screen, body)
            $0.results.readers = 1
        }
        // An answer for another item is ignored (its read still ends).
        store.send(.itemBodyLoaded(batchID: batch.id, customID: "other", .null)) { $0.results.readers = 0 }
        store.skip(.key(.escape))
        store.skip(.key(.enter))
        store.send(.itemBodyLoaded(batchID: batch.id, customID: "doc-003", F.json(F.failedResult("doc-003")))) {
            body.content = ItemBodyContent(F.json(F.failedResult("doc-003")))
            $0.route = .itemBody(screen, body)
            $0.results.readers = 0
        }
        #expect(store.state.itemBodyScreen?.content?.json.contains("  \"custom_id\" : \"doc-003\",") == true)
        // The body fits on a 120x40 screen: ↓ has nowhere to go, and nothing changes.
        store.send(.key(.down))
        #expect(store.state.itemBodyScreen?.scroll.offset == 0)
        store.send(.key(.escape)) { $0.route = .items(screen) }
        store.send(.key(.escape)) { $0.route = .list }
    }

    /// With room for 5 item summaries, batches of 3 push each other out, least recently used first,
    /// except the batch on screen; each eviction gives its spool range back, usage stays.
    @Test func resultsBeyondTheBudgetGiveWayOldestFirstButNeverTheOneOnScreen() {
        var options = F.options
        options.keptResultItems = 5
        var state = DashboardState(options: options, now: F.t0, width: 120, height: 40)
        _ = reduce(&state, .start(at: F.t0))
        let done = (1...3).map { F.batch($0, status: .completed, total: 3, completed: 3) }
        _ = reduce(&state, .listPageLoaded(F.page(done), at: F.t0, epoch: Self.e))
        #expect(state.list.selectedID == done[2].id, "newest first: the third is selected")
        var store = ReducerStore(state)
        let usage = TokenUsage(promptTokens: 1, completionTokens: 2)
        func items(_ batch: Batch, at base: Int64) -> [ItemSummary] {
            (0..<3).map { ItemSummary(F.okResult("\(batch.id)-\($0)", tokens: 10), span: ByteSpan(offset: base + Int64($0) * 100, length: 100)) }
        }
        func loaded(_ batch: Batch, at base: Int64) -> Action {
            .batchLoaded(SpooledBatch(batch: batch, items: items(batch, at: base), usage: usage), at: F.t0,
                         requestedID: batch.id, epoch: Self.e)
        }
        // done[2] is selected, terminal, without results: the first round asked for it. Any answer
        // of the round's epoch counts as the one outstanding request: this one ends the round.
        store.send(loaded(done[0], at: 0), [.timer(.schedulePoll(after: 10))]) {
            $0.results.items[done[0].id] = items(done[0], at: 0)
            $0.results.recency = [done[0].id]
            $0.mirror.usage[done[0].id] = usage
            roundEnded(&$0, at: F.t0, delay: 10)
        }
        store.send(loaded(done[1], at: 1000), [.spool(.release(spans: [ByteSpan(offset: 0, length: 300)]))]) {
            $0.results.items = [done[1].id: items(done[1], at: 1000)]
            $0.results.recency = [done[1].id]
            // The detail pane's cost stays.
            $0.mirror.usage[done[1].id] = usage
        }
        store.send(loaded(done[2], at: 2000), [.spool(.release(spans: [ByteSpan(offset: 1000, length: 300)]))]) {
            $0.results.items = [done[2].id: items(done[2], at: 2000)]
            $0.results.recency = [done[2].id]
            $0.mirror.usage[done[2].id] = usage
            $0.poll.fetches.underWay = []
        }
        // The selected batch's items are open: it is the oldest now, but on screen, so the newcomer goes.
        var screen = ItemsScreen(batchID: done[2].id)
        screen.index = ItemsIndex(items: items(done[2], at: 2000), query: screen.query)
        screen.scroll = .selecting(selected: 0)
        store.send(.key(.enter)) { $0.route = .items(screen) }
        store.send(loaded(done[0], at: 3000), [.spool(.release(spans: [ByteSpan(offset: 3000, length: 300)]))]) {
            $0.mirror.usage[done[0].id] = usage
        }
        #expect(store.state.results.recency == [done[2].id] && Set(store.state.results.items.keys) == [done[2].id])
    }

    @Test func spansMergeWhereTheyTouchOrOverlap() {
        let spans = [ByteSpan(offset: 200, length: 100), ByteSpan(offset: 0, length: 100), ByteSpan(offset: 100, length: 100),
                     ByteSpan(offset: 500, length: 50), ByteSpan(offset: 520, length: 10), ByteSpan(offset: 540, length: 30),
                     ByteSpan(offset: 900, length: 0)]
        #expect(ResultsStore.merged(spans) == [ByteSpan(offset: 0, length: 300), ByteSpan(offset: 500, length: 70)])
    }

    @Test func partialResultsOfACancellingBatchWaitForTheFinalOnes() {
        var store = ReducerStore(F.fresh())
        store.skip(.start(at: F.t0))
        let cancelling = F.batch(1, status: .cancelling, total: 3, completed: 1, results: [F.okResult("a")])
        store.skip(.listPageLoaded(F.page([cancelling]), at: F.t0, epoch: Self.e))
        // Kept, they would stop the final set from being fetched: given back at once.
        store.send(.batchLoaded(F.spooled(cancelling), at: F.t0, requestedID: cancelling.id, epoch: Self.e),
                   [.spool(.release(spans: [ByteSpan(offset: 0, length: 100)]))])
        #expect(store.state.results[cancelling.id] == nil)
        let cancelled = F.batch(1, status: .cancelled, total: 3, completed: 1, results: [F.okResult("a"), F.notRunResult("b")])
        // It ended while watched (selected): the bell rings (`--bell` in the fixture's options).
        store.send(.batchLoaded(F.spooled(cancelled), at: F.t0, requestedID: cancelled.id, epoch: Self.e), [.terminal(.bell)]) {
            $0.mirror.batches[cancelled.id] = bare(cancelled)
            $0.mirror.activeIDs = []
            $0.mirror.progress = [:]
            $0.mirror.changedAt[cancelled.id] = F.t0
            $0.mirror.usage[cancelled.id] = TokenUsage(promptTokens: 20, completionTokens: 10, totalTokens: 30)
            $0.results.items[cancelled.id] = F.summaries(cancelled.results!)
            $0.results.recency = [cancelled.id]
            $0.poll.round.sawMovement = true
            $0.message = StatusMessage(DashboardState.endedMessage(cancelled), isError: true, at: F.t0)
            $0.poll.round.ended = [.cancelled]
            $0.events.append(LoggedEvent(.cancelled, at: F.t0, batchID: cancelled.id,
                                         text: "1 ok, 0 failed, 2 not run"))
        }
        #expect(store.state.results[cancelled.id]?.map(\.outcome) == [.succeeded, .notRun])
    }

    @Test func anAnswerUnderAnotherIdStillEndsTheFetch() {
        var store = ReducerStore(F.fresh())
        store.skip(.start(at: F.t0))
        let done = F.batch(1, status: .completed, total: 1, completed: 1)
        #expect(store.skip(.listPageLoaded(F.page([done]), at: F.t0, epoch: Self.e)) == [.api(.batch(id: done.id), Self.e)])
        var renamed = F.spooled(done)
        renamed.batch.id = done.id.lowercased()
        // The GET under way is the requested id's: it ends, and the round with it. (The answer's
        // spelling is merged as a batch of its own: two rows for one batch, see the report.)
        store.send(.batchLoaded(renamed, at: F.t0, requestedID: done.id, epoch: Self.e), [.timer(.schedulePoll(after: 10))]) {
            $0.poll.fetches.underWay = []
            roundEnded(&$0, at: F.t0, delay: 10)
            $0.mirror.batches[renamed.batch.id] = renamed.batch
            $0.list.order = [renamed.batch.id, done.id]
            $0.list.scroll.selected = 1
        }
    }

    @Test func openingAFinishedBatchWithoutResultsFetchesIt() {
        var store = ReducerStore(F.fresh())
        store.skip(.start(at: F.t0))
        let id = F.batch(1).id
        store.skip(.listPageLoaded(F.page([F.batch(1, status: .completed, total: 2, completed: 2)]), at: F.t0, epoch: Self.e))
        #expect(store.state.poll.fetches.underWay == [id])
        // The first round already asked for it: Enter does not ask again while that GET is under way.
        let screen = ItemsScreen(batchID: id)
        store.send(.key(.enter)) { $0.route = .items(screen) }
        store.send(.key(.escape)) { $0.route = .list }
        store.send(.batchFailed(id: id, MeshError(kind: .timeout, message: "slow"), at: F.at(1), epoch: Self.e),
                   [.timer(.schedulePoll(after: 4))]) {
            $0.now = F.at(1)
            $0.poll.fetches.underWay = []
            $0.poll.round.error = MeshErrorSummary(MeshError(kind: .timeout, message: "slow"))
            roundEnded(&$0, at: F.at(1), delay: 4)
            $0.poll.backoff.failures = 1
            $0.poll.connection.state = .failing(ConnectionFailure(kind: .outage, words: "timeout: slow", since: F.at(1), failures: 1,
                                                            nextAttempt: F.at(5)))
        }
        store.send(.key(.enter), [.api(.batch(id: id), Self.e)]) {
            $0.route = .items(screen)
            $0.poll.fetches.underWay = [id]
            $0.poll.round.outstanding = 1
        }
    }

    @Test func runningBatchItemsExportSaysWhy() {
        var store = ReducerStore(F.loaded(F.mixed))
        store.skip(.key(.enter))
        store.send(.key(.character("e"))) {
            $0.message = StatusMessage("nothing to export yet: Mesh returns item results when the batch ends", at: F.t0)
        }
    }

    @Test func helpThemeProfileQuit() {
        var store = ReducerStore(F.loaded(F.mixed))
        store.send(.key(.character("?"))) {
            $0.overlay = .help(HelpScreen())
        }
        store.send(.key(.escape)) { $0.overlay = .none }
        store.send(.key(.character("t")), [.terminal(.setTheme(name: "dark"))])
        store.send(.themeApplied(name: "dark"), [F.remembered { $0.theme = "dark" }]) {
            $0.options.themeName = "dark"
            $0.message = StatusMessage("theme dark", at: F.t0)
        }
        store.send(.key(.character("P")), [.terminal(.switchProfile(name: "home"))]) {
            $0.message = StatusMessage("switching to profile home…", at: F.t0)
        }
        // The old owner's item results give their spool space back; the new session starts afresh.
        let released = [ByteSpan(offset: 0, length: 100), ByteSpan(offset: 1000, length: 100), ByteSpan(offset: 2000, length: 100)]
        let session = Epoch(session: 1, round: 0)
        store.send(.profileSwitched(name: "home", endpointLabel: "home", at: F.at(5)),
                   [.spool(.release(spans: released)), .timer(.cancelPoll), .api(.listPage(after: nil, limit: 100), session),
                    .api(.balance, session), .api(.models, session)]) {
            var options = $0.options
            options.profileName = "home"
            options.endpointLabel = "home"
            var fresh = DashboardState(options: options, pollInterval: 2, now: F.at(5), width: 120, height: 40)
            fresh.poll.epoch = session
            fresh.message = StatusMessage("profile home", at: F.at(5))
            fresh.poll.round.active = true
            fresh.poll.round.startedAt = F.at(5)
            fresh.poll.round.outstanding = 1
            $0 = fresh
        }
        store.send(.key(.character("q")), [.terminal(.quit)])
        store.send(.key(.control("c")), [.terminal(.quit)])
        // No tmux-prefix bindings.
        store.send(.key(.control("a")))
    }

    @Test func balanceModelsResize() {
        var store = ReducerStore(F.loaded([]))
        store.send(.balanceLoaded(3.5, epoch: Self.e)) { $0.balanceUSD = 3.5 }
        store.send(.balanceFailed(MeshError(kind: .api, status: 404, message: "no"), epoch: Self.e)) { $0.balanceUSD = nil }
        let model = ModelInfo(id: "m", name: "M", provider: nil, supportsBatching: true, pricing: nil)
        store.send(.modelsLoaded([model], epoch: Self.e)) { $0.models = ["m": model] }
        let small = Layout(width: 60, height: 15)
        store.send(.resize(width: 60, height: 15)) {
            $0.width = 60
            $0.height = 15
        }
    }

    @Test func notFoundBatchIsReportedWithoutBackoff() {
        var store = ReducerStore(F.loaded([F.batch(1)]))
        let id = F.batch(1).id
        store.skip(.key(.character("r")))
        store.skip(.listPageLoaded(F.page([]), at: F.at(1), epoch: Self.e))
        let notFound = MeshError(kind: .api, status: 404, message: "not found")
        store.send(.batchFailed(id: id, notFound, at: F.at(1), epoch: Self.e), [.timer(.schedulePoll(after: 4))]) {
            $0.poll.fetches.underWay = []
            $0.poll.fetches.goneStrikes = [id: 1]
            $0.message = StatusMessage("\(id) is gone (404): not found", isError: true, at: F.at(1))
            roundEnded(&$0, at: F.at(1), delay: 4)
        }
        #expect(store.state.poll.connection.state == .live)
    }
}

/// The batch as the mirror keeps it: results never live inside a batch.
private func bare(_ batch: Batch) -> Batch {
    var batch = batch
    batch.results = nil
    return batch
}


/// What starting a round from the top changes.
private func roundStarted(_ state: inout DashboardState, at: Date) {
    state.now = at
    state.poll.round.active = true
    state.poll.round.startedAt = at
    state.poll.round.error = nil
    state.poll.round.sawMovement = false
    state.poll.round.seen = []
    state.poll.backoff.nextPollAt = nil
    state.poll.round.outstanding += 1
    state.poll.round.pages = 0
    state.poll.walk.cursors = []
    state.poll.walk.pages = 0
}
