import Foundation
import MeshAPI
import Testing
@testable import Dashboard

/// The poller and the screen when the server misbehaves: paging that never ends, a batch that
/// vanished, an answer that never finishes, counts past the total.
@Suite struct HostileServerReducerTests {
    typealias F = Fixtures

    static func page(_ ids: [String], last: String?, hasMore: Bool = true) -> BatchListPage {
        BatchListPage(data: ids.map { Batch(id: $0, status: .completed, createdAt: F.created) }, firstID: ids.first,
                      lastID: last, hasMore: hasMore)
    }

    /// `has_more` for ever with the same `last_id`: one request more, then the walk ends and says so.
    @Test func aRepeatedCursorEndsTheWalk() {
        var state = DashboardState(options: F.options, now: F.t0)
        _ = reduce(&state, .start(at: F.t0))
        #expect(reduce(&state, .listPageLoaded(Self.page(["b2"], last: "b2"), at: F.t0)) == [.fetchListPage(after: "b2")])
        // The server answers the same cursor again (with batches that are new, as fresh ids would be).
        let effects = reduce(&state, .listPageLoaded(Self.page(["b1"], last: "b2"), at: F.t0))
        // No third page: only the selected batch's GET (it is terminal and has no results yet).
        #expect(effects == [.fetchBatch(id: "b2")])
        #expect(state.poll.listIncomplete == "list may be incomplete: the server repeated a page")
        #expect(state.poll.listFullyLoaded, "later rounds read only the newest page")
        let text = renderPlainText(render(state, width: 120, height: 40))
        #expect(text.contains("list may be incomplete: the server repeated a page"))
        // A later walk that reaches the end of the list clears the note.
        _ = reduce(&state, .pollDue(at: F.at(10)))
        _ = reduce(&state, .listPageLoaded(Self.page(["b2"], last: "b2", hasMore: false), at: F.at(10)))
        #expect(state.poll.listIncomplete == nil)
    }

    /// Fresh ids on every page: ten pages a round, the rest at the poll's pace, and no more than a
    /// hundred pages in all.
    @Test func pagesPerRoundAndPerWalkAreCapped() {
        var state = DashboardState(options: F.options, now: F.t0)
        var pending = reduce(&state, .start(at: F.t0))
        var listRequests = 0
        var rounds = 1
        var number = 0
        while listRequests < 500 {
            var asked = false
            for effect in pending {
                switch effect {
                case .fetchListPage:
                    asked = true
                case .fetchBatch(let id, _):
                    // The selected batch's results: none, so it is not asked for again.
                    let answer = SpooledBatch(batch: Batch(id: id, status: .completed, createdAt: F.created), items: [])
                    _ = reduce(&state, .batchLoaded(answer, at: F.at(Double(rounds)), requestedID: id))
                default: break
                }
            }
            if asked {
                listRequests += 1
                number += 1
                let id = "b\(100_000 - number)"
                pending = reduce(&state, .listPageLoaded(Self.page([id], last: id), at: F.at(Double(rounds))))
                continue
            }
            // The round ended: the next one goes on from where this one stopped, or the walk is over.
            guard let resume = state.poll.resumeAfter else { break }
            #expect(state.poll.pagesThisRound == DashboardState.maxPagesPerRound)
            #expect(state.poll.listIncomplete?.hasPrefix("loading the list") == true)
            #expect(!state.poll.roundActive)
            rounds += 1
            pending = reduce(&state, .pollDue(at: F.at(Double(rounds))))
            #expect(pending == [.fetchListPage(after: resume, limit: 100)])
        }
        #expect(listRequests == DashboardState.maxWalkPages)
        #expect(rounds == DashboardState.maxWalkPages / DashboardState.maxPagesPerRound)
        #expect(state.batches.count == DashboardState.maxWalkPages)
        #expect(state.poll.listIncomplete == "list may be incomplete: stopped after 100 pages")
        #expect(state.poll.resumeAfter == nil)
    }

    /// A non-terminal batch whose GET says 404 twice leaves the list and the quota.
    @Test func aBatchGoneTwiceIsDropped() {
        let gone = F.batch(2, total: 50, completed: 5)
        let kept = F.batch(1, total: 50, completed: 5)
        var state = F.loaded([gone, kept])
        #expect(state.activeIDs == [gone.id, kept.id])
        let notFound = MeshError(kind: .api, status: 404, code: "not_found", message: "no such batch")
        // Round 2: the list no longer shows it, so it is fetched, and answers 404.
        _ = reduce(&state, .pollDue(at: F.at(4)))
        #expect(reduce(&state, .listPageLoaded(F.page([kept]), at: F.at(4))) == [.fetchBatch(id: gone.id)])
        _ = reduce(&state, .batchFailed(id: gone.id, notFound, at: F.at(4)))
        #expect(state.batches[gone.id] != nil, "one 404 may be a hiccup")
        #expect(state.poll.goneStrikes == [gone.id: 1])
        // Round 3: the second 404 drops it.
        _ = reduce(&state, .pollDue(at: F.at(8)))
        #expect(reduce(&state, .listPageLoaded(F.page([kept]), at: F.at(8))) == [.fetchBatch(id: gone.id)])
        let effects = reduce(&state, .batchFailed(id: gone.id, notFound, at: F.at(8)))
        #expect(effects.count == 1 && effects.allSatisfy { if case .schedulePoll = $0 { true } else { false } })
        #expect(state.batches[gone.id] == nil)
        #expect(state.activeIDs == [kept.id])
        #expect(state.order == [kept.id])
        #expect(state.selectedID == kept.id)
        #expect(state.poll.goneStrikes.isEmpty)
        #expect(state.message?.text.contains("404 twice") == true)
        // Round 4: it is not fetched again.
        _ = reduce(&state, .pollDue(at: F.at(12)))
        let next = reduce(&state, .listPageLoaded(F.page([kept]), at: F.at(12)))
        #expect(!next.contains(.fetchBatch(id: gone.id)))
    }

    /// A 404 between two good answers does not count towards the two.
    @Test func aGoodAnswerClearsA404() {
        let batch = F.batch(1, total: 50)
        var state = F.loaded([batch])
        let notFound = MeshError(kind: .api, status: 404, message: "no")
        _ = reduce(&state, .pollDue(at: F.at(4)))
        _ = reduce(&state, .listPageLoaded(F.page([]), at: F.at(4)))
        _ = reduce(&state, .batchFailed(id: batch.id, notFound, at: F.at(4)))
        _ = reduce(&state, .pollDue(at: F.at(8)))
        _ = reduce(&state, .listPageLoaded(F.page([]), at: F.at(8)))
        _ = reduce(&state, .batchLoaded(F.spooled(batch), at: F.at(8), requestedID: batch.id))
        _ = reduce(&state, .pollDue(at: F.at(12)))
        _ = reduce(&state, .listPageLoaded(F.page([]), at: F.at(12)))
        _ = reduce(&state, .batchFailed(id: batch.id, notFound, at: F.at(12)))
        #expect(state.batches[batch.id] != nil)
    }

    /// An answer that never finishes: after `overdueSeconds` the header stops saying live, and `r`
    /// gives the round up and starts another; the old round's answers are dropped when they come.
    @Test func anOverdueRoundShowsAndRefreshAbandonsIt() {
        var state = F.loaded([F.batch(1, total: 50)])
        _ = reduce(&state, .pollDue(at: F.at(4)))
        _ = reduce(&state, .tick(now: F.at(10)))
        #expect(!state.roundOverdue)
        // r before the round is overdue waits for it, as before.
        #expect(reduce(&state, .key(.character("r"))) == [])
        #expect(state.poll.refreshQueued)
        _ = reduce(&state, .tick(now: F.at(20)))
        #expect(state.roundOverdue)
        let header = renderPlainText(render(state, width: 120, height: 40)).split(separator: "\n")[1]
        #expect(header.contains("no answer for 16s") && !header.contains("live"), "\(header)")
        let screen = render(state, width: 120, height: 40)
        #expect(screen.validUntil == F.at(21), "the waiting time counts up on screen")

        let effects = reduce(&state, .key(.character("r")))
        #expect(effects == [.cancelPoll, .fetchListPage(after: nil, limit: 20, epoch: 1)])
        #expect(state.poll.epoch == 1 && state.poll.outstanding == 1 && state.poll.roundStartedAt == F.at(20))
        #expect(!state.roundOverdue)
        // The old round's answer, at last: dropped whole.
        let before = state
        #expect(reduce(&state, .listPageLoaded(F.page([F.batch(1, total: 50, completed: 50)]), at: F.at(25))) == [])
        #expect(reduce(&state, .listFailed(MeshError(kind: .timeout, message: "late"), at: F.at(25))) == [])
        #expect(state == before)
        // Its GET brought results into the spool: they are given back, not kept.
        let late = SpooledBatch(batch: F.batch(1, status: .completed, total: 1, completed: 1),
                                items: F.summaries([F.okResult("a")]), usage: TokenUsage())
        #expect(reduce(&state, .batchLoaded(late, at: F.at(25), requestedID: F.batch(1).id))
            == [.releaseResults(spans: [ByteSpan(offset: 0, length: 100)])])
        #expect(state == before)
        // The new round's answer counts.
        let done = reduce(&state, .listPageLoaded(F.page([F.batch(1, total: 50, completed: 10)]), at: F.at(26), epoch: 1))
        #expect(done == [.schedulePoll(after: 2)])
        #expect(state.connection == .live)
    }

    /// More done than `total`, and counts at Int's edge (built in code, where nothing range-checks
    /// them): the progress column stays in its width and nothing traps.
    @Test func countsPastTheTotalAreClampedInTheProgressColumn() {
        let over = F.batch(2, total: 500, completed: 600)
        var edge = F.batch(1, total: 10)
        edge.requestCounts = RequestCounts(total: 10, completed: .max, failed: .max)
        edge.createdAt = WireNumber.stampRange.lowerBound
        edge.expiresAt = WireNumber.stampRange.upperBound
        var state = F.loaded([over, edge])
        _ = reduce(&state, .pollDue(at: F.at(4)))
        _ = reduce(&state, .listPageLoaded(F.page([over, edge]), at: F.at(4)))
        _ = reduce(&state, .key(.character("j")))
        let text = renderPlainText(render(state, width: 120, height: 40))
        #expect(text.contains("500/500"), "\(text)")
        #expect(!text.contains("600/500"))
        #expect(text.contains("10/10"))
        let row = text.split(separator: "\n").first { $0.contains("500/500") }
        #expect(row.map { $0.filter { $0 == "█" }.count } == ListColumns.bar, "\(row ?? "")")
        // The selected edge batch's detail pane (dates at the ends of the range, Int.max counts) renders.
        #expect(text.contains("9999-12-31"))
    }
}
