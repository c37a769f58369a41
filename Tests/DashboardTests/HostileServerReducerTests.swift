import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// The poller and the screen when the server misbehaves: paging that never ends, a batch that
/// vanished, an answer that never finishes, counts past the total. Every step under test goes
/// through `ReducerStore.send` with its exact effects and changes.
@Suite struct HostileServerReducerTests {
    typealias F = Fixtures
    static let e = Epoch()
    static let big = Layout(width: 120, height: 40)

    static func page(_ ids: [String], last: String?, hasMore: Bool = true) -> BatchListPage {
        BatchListPage(data: ids.map { Self.batch($0) }, firstID: ids.first, lastID: last, hasMore: hasMore)
    }

    static func batch(_ id: String) -> Batch { Batch(id: id, status: .completed, createdAt: F.created) }

    /// `has_more` for ever with the same `last_id`: one request more, then the walk ends and says so.
    @Test func aRepeatedCursorEndsTheWalk() {
        var store = ReducerStore(F.fresh())
        store.skip(.start(at: F.t0))
        store.send(.listPageLoaded(Self.page(["b2"], last: "b2"), at: F.t0, epoch: Self.e),
                   [.api(.listPage(after: "b2", limit: 100), Self.e)]) {
            $0.mirror.batches["b2"] = Self.batch("b2")
            $0.mirror.everLoaded = true
            $0.mirror.slotHistory.record(used: 0, at: F.t0)
            $0.poll.connection.lastSuccessAt = F.t0
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = ["b2"]
            $0.poll.walk.cursors = ["b2"]
            $0.list.order = ["b2"]
            $0.list.selectedID = "b2"
            $0.list.scroll.selected = 0
        }
        // The server answers the same cursor again (with batches that are new, as fresh ids would be).
        // No third page: only the selected batch's GET (it is terminal and has no results yet).
        store.send(.listPageLoaded(Self.page(["b1"], last: "b2"), at: F.t0, epoch: Self.e), [.api(.batch(id: "b2"), Self.e)]) {
            $0.mirror.batches["b1"] = Self.batch("b1")
            $0.poll.round.pages = 2
            $0.poll.walk.pages = 0
            $0.poll.walk.cursors = []
            $0.poll.round.seen = ["b2", "b1"]
            // Later rounds read only the newest page.
            $0.poll.walk.fullyLoaded = true
            $0.poll.walk.incomplete = "list may be incomplete: the server repeated a page"
            $0.poll.fetches.underWay = ["b2"]
            $0.list.order = ["b2", "b1"]
        }
        let text = renderPlainText(render(store.state, width: 120, height: 40))
        #expect(text.contains("list may be incomplete: the server repeated a page"))
        // A later walk that reaches the end of the list clears the note.
        store.skip(.batchLoaded(SpooledBatch(batch: Self.batch("b2"), items: []), at: F.t0, requestedID: "b2", epoch: Self.e))
        store.skip(.pollDue(at: F.at(10)))
        store.send(.listPageLoaded(Self.page(["b2"], last: "b2", hasMore: false), at: F.at(10), epoch: Self.e),
                   [.timer(.schedulePoll(after: 10))]) {
            $0.poll.walk.incomplete = nil
            $0.poll.connection.lastSuccessAt = F.at(10)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = ["b2"]
            $0.poll.round.outstanding = 0
            $0.poll.round.active = false
            $0.poll.round.startedAt = nil
            $0.poll.backoff.lastDelay = 10
            $0.poll.backoff.nextPollAt = F.at(20)
        }
    }

    /// Fresh ids on every page: ten pages a round, the rest at the poll's pace, and no more than a
    /// hundred pages in all.
    @Test func pagesPerRoundAndPerWalkAreCapped() {
        var store = ReducerStore(F.fresh())
        store.skip(.start(at: F.t0))
        var listRequests = 1
        var rounds = 1
        var number = 0
        var cursors: Set<String> = []
        var ids: [String] = []
        while true {
            number += 1
            let id = "b\(100_000 - number)"
            let at = F.at(Double(rounds))
            let firstPage = ids.isEmpty
            let capped = store.state.poll.round.pages + 1 == DashboardState.maxPagesPerRound
            let lastOfWalk = number == DashboardState.maxWalkPages
            ids.append(id)
            let asksNext = !capped && !lastOfWalk
            var effects: [Effect] = asksNext ? [.api(.listPage(after: id, limit: 100), Self.e)] : []
            // The selected batch (the first, terminal without results) is fetched once, after the first round.
            let fetchesSelected = !asksNext && firstPage == false && rounds == 1
            if fetchesSelected { effects.append(.api(.batch(id: ids[0]), Self.e)) }
            // Any other round ends with its page: nothing is active, so the idle pace.
            let endsRound = !asksNext && !fetchesSelected
            if endsRound { effects.append(.timer(.schedulePoll(after: 10))) }
            store.send(.listPageLoaded(Self.page([id], last: id), at: at, epoch: Self.e), effects) {
                $0.now = at
                $0.mirror.batches[id] = Self.batch(id)
                $0.mirror.everLoaded = true
                $0.mirror.slotHistory.record(used: 0, at: at)
                $0.poll.connection.lastSuccessAt = at
                $0.poll.round.pages += 1
                $0.poll.walk.pages += 1
                $0.poll.round.seen.insert(id)
                // The list is ordered after the first page and where the round's walk stops, not after
                // each page between.
                if firstPage || !asksNext {
                    $0.list.order = ids
                    $0.list.orderDirty = false
                } else {
                    $0.list.orderDirty = true
                }
                if firstPage {
                    $0.list.selectedID = id
                    $0.list.scroll.selected = 0
                }
                if lastOfWalk {
                    $0.poll.walk.fullyLoaded = true
                    $0.poll.walk.resumeAfter = nil
                    $0.poll.walk.cursors = []
                    $0.poll.walk.pages = 0
                    $0.poll.walk.incomplete = "list may be incomplete: stopped after 100 pages"
                } else if capped {
                    // The rest at the poll's pace: the next round starts here.
                    cursors.insert(id)
                    $0.poll.walk.cursors = cursors
                    $0.poll.walk.resumeAfter = id
                    $0.poll.walk.incomplete = "loading the list: \(ids.count) batches so far"
                } else {
                    cursors.insert(id)
                    $0.poll.walk.cursors = cursors
                }
                if fetchesSelected { $0.poll.fetches.underWay = [ids[0]] }
                if endsRound { roundEnded(&$0, at: at, delay: 10) }
            }
            if asksNext {
                listRequests += 1
                continue
            }
            if fetchesSelected {
                // Its answer: no results, so it is not asked for again; the round ends.
                let answer = SpooledBatch(batch: Self.batch(ids[0]), items: [])
                store.skip(.batchLoaded(answer, at: at, requestedID: ids[0], epoch: Self.e))
            }
            #expect(!store.state.poll.round.active)
            guard !lastOfWalk else { break }
            #expect(store.state.poll.round.pages == DashboardState.maxPagesPerRound)
            rounds += 1
            let resume = store.state.poll.walk.resumeAfter
            let due = F.at(Double(rounds))
            store.send(.pollDue(at: due), [.api(.listPage(after: resume, limit: 100), Self.e)]) {
                $0.now = due
                $0.poll.backoff.nextPollAt = nil
                $0.poll.round.active = true
                $0.poll.round.startedAt = due
                $0.poll.round.error = nil
                $0.poll.round.sawMovement = false
                $0.poll.round.seen = []
                $0.poll.round.outstanding = 1
                $0.poll.round.pages = 0
            }
            listRequests += 1
        }
        #expect(listRequests == DashboardState.maxWalkPages)
        #expect(rounds == DashboardState.maxWalkPages / DashboardState.maxPagesPerRound)
        #expect(store.state.mirror.batches.count == DashboardState.maxWalkPages)
        #expect(store.state.poll.walk.incomplete == "list may be incomplete: stopped after 100 pages")
        #expect(store.state.poll.walk.resumeAfter == nil)
    }

    /// A non-terminal batch whose GET says 404 twice leaves the list and the quota.
    @Test func aBatchGoneTwiceIsDropped() {
        let gone = F.batch(2, total: 50, completed: 5)
        let kept = F.batch(1, total: 50, completed: 5)
        var store = ReducerStore(F.loaded([gone, kept]))
        #expect(store.state.mirror.activeIDs == [gone.id, kept.id])
        let notFound = MeshError(kind: .api, status: 404, code: "not_found", message: "no such batch")
        // Round 2: the list no longer shows it, so it is fetched, and answers 404.
        store.skip(.pollDue(at: F.at(4)))
        store.send(.listPageLoaded(F.page([kept]), at: F.at(4), epoch: Self.e), [.api(.batch(id: gone.id), Self.e)]) {
            $0.poll.connection.lastSuccessAt = F.at(4)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = [kept.id]
            $0.poll.fetches.underWay = [gone.id]
        }
        // One 404 may be a hiccup.
        store.send(.batchFailed(id: gone.id, notFound, at: F.at(4), epoch: Self.e), [.timer(.schedulePoll(after: 4))]) {
            $0.poll.fetches.underWay = []
            $0.poll.fetches.goneStrikes = [gone.id: 1]
            $0.message = StatusMessage("\(gone.id) is gone (404): no such batch", isError: true, at: F.at(4))
            roundEnded(&$0, at: F.at(4), delay: 4)
        }
        // Round 3: the second 404 drops it.
        store.skip(.pollDue(at: F.at(8)))
        store.send(.listPageLoaded(F.page([kept]), at: F.at(8), epoch: Self.e), [.api(.batch(id: gone.id), Self.e)]) {
            $0.poll.connection.lastSuccessAt = F.at(8)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = [kept.id]
            $0.poll.fetches.underWay = [gone.id]
        }
        store.send(.batchFailed(id: gone.id, notFound, at: F.at(8), epoch: Self.e), [.timer(.schedulePoll(after: 4))]) {
            $0.poll.fetches.underWay = []
            $0.poll.fetches.goneStrikes = [:]
            $0.mirror.batches[gone.id] = nil
            $0.mirror.activeIDs = [kept.id]
            $0.mirror.progress[gone.id] = nil
            $0.list.order = [kept.id]
            $0.list.selectedID = kept.id
            $0.list.detailScroll = .viewport
            $0.message = StatusMessage("\(gone.id) is gone (404 twice): removed from the list and the quota", isError: true, at: F.at(8))
            roundEnded(&$0, at: F.at(8), delay: 4)
        }
        // Round 4: it is not fetched again.
        store.skip(.pollDue(at: F.at(12)))
        store.send(.listPageLoaded(F.page([kept]), at: F.at(12), epoch: Self.e), [.timer(.schedulePoll(after: 4))]) {
            $0.mirror.slotHistory.record(used: 1, at: F.at(12))
            $0.poll.connection.lastSuccessAt = F.at(12)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = [kept.id]
            roundEnded(&$0, at: F.at(12), delay: 4)
        }
    }

    /// A 404 between two good answers does not count towards the two.
    @Test func aGoodAnswerClearsA404() {
        let batch = F.batch(1, total: 50)
        var store = ReducerStore(F.loaded([batch]))
        let notFound = MeshError(kind: .api, status: 404, message: "no")
        store.skip(.pollDue(at: F.at(4)))
        store.skip(.listPageLoaded(F.page([]), at: F.at(4), epoch: Self.e))
        store.skip(.batchFailed(id: batch.id, notFound, at: F.at(4), epoch: Self.e))
        #expect(store.state.poll.fetches.goneStrikes == [batch.id: 1])
        store.skip(.pollDue(at: F.at(8)))
        store.skip(.listPageLoaded(F.page([]), at: F.at(8), epoch: Self.e))
        store.send(.batchLoaded(F.spooled(batch), at: F.at(8), requestedID: batch.id, epoch: Self.e),
                   [.timer(.schedulePoll(after: 4))]) {
            $0.poll.fetches.underWay = []
            $0.poll.fetches.goneStrikes = [:]
            roundEnded(&$0, at: F.at(8), delay: 4)
        }
        store.skip(.pollDue(at: F.at(12)))
        store.skip(.listPageLoaded(F.page([]), at: F.at(12), epoch: Self.e))
        store.send(.batchFailed(id: batch.id, notFound, at: F.at(12), epoch: Self.e), [.timer(.schedulePoll(after: 4))]) {
            $0.poll.fetches.underWay = []
            $0.poll.fetches.goneStrikes = [batch.id: 1]
            $0.message = StatusMessage("\(batch.id) is gone (404): no", isError: true, at: F.at(12))
            roundEnded(&$0, at: F.at(12), delay: 4)
        }
        #expect(store.state.mirror.batches[batch.id] != nil)
    }

    /// An answer that never finishes: after `overdueSeconds` the header stops saying live, and `r`
    /// gives the round up and starts another; the old round's answers are dropped when they come.
    @Test func anOverdueRoundShowsAndRefreshAbandonsIt() {
        var store = ReducerStore(F.loaded([F.batch(1, total: 50)]))
        store.skip(.pollDue(at: F.at(4)))
        store.send(.tick(now: F.at(10))) { $0.now = F.at(10) }
        #expect(!store.state.roundOverdue)
        // r before the round is overdue waits for it, as before.
        store.send(.key(.character("r"))) { $0.poll.round.refreshQueued = true }
        store.send(.tick(now: F.at(20))) { $0.now = F.at(20) }
        #expect(store.state.roundOverdue)
        let header = renderPlainText(render(store.state, width: 120, height: 40)).split(separator: "\n")[1]
        #expect(header.contains("no answer for 16s") && !header.contains("live"), "\(header)")
        let screen = render(store.state, width: 120, height: 40)
        #expect(screen.validUntil == F.at(21), "the waiting time counts up on screen")

        let round1 = Epoch(session: 0, round: 1)
        store.send(.key(.character("r")), [.timer(.cancelPoll), .api(.listPage(after: nil, limit: 20), round1)]) {
            $0.message = StatusMessage("no answer for 16s; asking again", at: F.at(20))
            $0.poll.epoch = round1
            $0.poll.round.refreshQueued = false
            $0.poll.round.startedAt = F.at(20)
            $0.poll.round.outstanding = 1
        }
        #expect(!store.state.roundOverdue)
        // The old round's answers, at last: dropped whole.
        store.send(.listPageLoaded(F.page([F.batch(1, total: 50, completed: 50)]), at: F.at(25), epoch: Self.e))
        store.send(.listFailed(MeshError(kind: .timeout, message: "late"), at: F.at(25), epoch: Self.e))
        // Its GET brought results into the spool: they are given back, not kept.
        let late = SpooledBatch(batch: F.batch(1, status: .completed, total: 1, completed: 1),
                                items: F.summaries([F.okResult("a")]), usage: TokenUsage())
        store.send(.batchLoaded(late, at: F.at(25), requestedID: F.batch(1).id, epoch: Self.e),
                   [.spool(.release(spans: [ByteSpan(offset: 0, length: 100)]))])
        // The new round's answer counts.
        let moved = F.batch(1, total: 50, completed: 10)
        store.send(.listPageLoaded(F.page([moved]), at: F.at(26), epoch: round1), [.timer(.schedulePoll(after: 2))]) {
            $0.mirror.batches[moved.id] = moved
            $0.mirror.changedAt[moved.id] = F.at(26)
            $0.mirror.progress[moved.id]!.record(finished: 10, at: F.at(26))
            $0.poll.round.sawMovement = true
            $0.poll.connection.lastSuccessAt = F.at(26)
            $0.poll.round.pages = 1
            $0.poll.walk.pages = 1
            $0.poll.round.seen = [moved.id]
            roundEnded(&$0, at: F.at(26), delay: 2)
        }
        #expect(store.state.poll.connection.state == .live)
    }

    /// More done than `total`, and counts at Int's edge (built in code, where nothing range-checks
    /// them): the progress column stays in its width and nothing traps.
    @Test func countsPastTheTotalAreClampedInTheProgressColumn() {
        let over = F.batch(2, total: 500, completed: 600)
        var edge = F.batch(1, total: 10)
        edge.requestCounts = RequestCounts(total: 10, completed: .max, failed: .max)
        edge.createdAt = WireNumber.stampRange.lowerBound
        edge.expiresAt = WireNumber.stampRange.upperBound
        var store = ReducerStore(F.loaded([over, edge]))
        store.skip(.pollDue(at: F.at(4)))
        store.skip(.listPageLoaded(F.page([over, edge]), at: F.at(4), epoch: Self.e))
        store.send(.key(.character("j"))) {
            $0.list.scroll.selected = 1
            $0.list.selectedID = edge.id
            $0.list.detailScroll = .viewport
        }
        let text = renderPlainText(render(store.state, width: 120, height: 40))
        #expect(text.contains("500/500"), "\(text)")
        #expect(!text.contains("600/500"))
        #expect(text.contains("10/10"))
        let row = text.split(separator: "\n").first { $0.contains("500/500") }
        #expect(row.map { $0.filter { $0 == "█" }.count } == ListColumns.bar, "\(row ?? "")")
        // The selected edge batch's detail pane (dates at the ends of the range, Int.max counts) renders.
        #expect(text.contains("9999-12-31"))
    }
}

