import Foundation
import MeshAPI

/// The poller's decisions: what to ask for, when to ask again, how to back off.
extension DashboardState {
    /// Longest wait between polls, on errors and when idle.
    static let maximumDelay: Double = 60
    static let idleDelayCap: Double = 30
    /// Pages of the first walk through the list.
    public static let fullPageSize = 100
    /// The first page of a later round only has to show what is new: batches are listed newest
    /// first, and the active ones it does not show are fetched with GET. A fifth of the decoding
    /// on every idle poll.
    public static let refreshPageSize = 20
    /// List pages one round may ask for: past it the walk goes on in the next round, at the poll's
    /// pace. A server with `has_more` true for ever (fresh ids on every page) made a fresh dashboard
    /// list 60,000 rows at 94% of a core; 10 pages are 1,000 batches per round.
    public static let maxPagesPerRound = 10
    /// Pages one walk through the list may read in all (10,000 batches, which render as fast as
    /// 100): past it the walk stops and the header says the list may be incomplete. The same cap
    /// as `batches list --all`, so the dashboard and the command see the same list.
    public static let maxWalkPages = BatchPages.maxPages
    /// A round running this long is overdue: the header says so and `r` gives it up. Longer than the
    /// dashboard client's 10 s deadline for one answer, so one slow answer alone does not trip it.
    public static let overdueSeconds: Double = 15

    /// Starts a poll round unless one is running (then it is queued: polls never overlap).
    mutating func startRound() -> [Effect] {
        if poll.round.active {
            poll.round.refreshQueued = true
            return []
        }
        poll.round.active = true
        poll.round.startedAt = now
        poll.round.error = nil
        poll.round.sawMovement = false
        poll.round.seen = []
        poll.round.ended = []
        poll.backoff.nextPollAt = nil
        poll.round.outstanding += 1
        poll.round.pages = 0
        // A walk the page cap cut short goes on where it stopped; otherwise a new walk from the top.
        let after = poll.walk.resumeAfter
        if after == nil {
            poll.walk.cursors = []
            poll.walk.pages = 0
        }
        let limit = poll.walk.fullyLoaded && after == nil ? Self.refreshPageSize : Self.fullPageSize
        return [.api(.listPage(after: after, limit: limit), poll.epoch)]
    }

    /// The running round has waited longer than `overdueSeconds` for its answers.
    public var roundOverdue: Bool {
        guard poll.round.active, let started = poll.round.startedAt else { return false }
        return now.timeIntervalSince(started) >= Self.overdueSeconds
    }

    /// Gives up the running round (`r` while it is overdue) and starts another. Its requests may
    /// still answer: the new epoch makes `reduce` drop those answers, so they cannot end the new
    /// round early or let two rounds overlap in the count. A GET it had under way may be asked again.
    mutating func abandonRound() -> [Effect] {
        let waited = now.timeIntervalSince(poll.round.startedAt ?? now)
        message = StatusMessage("no answer for \(Formatting.duration(waited)); asking again", at: now)
        poll.epoch.round += 1
        poll.round.active = false
        poll.round.startedAt = nil
        poll.round.outstanding = 0
        poll.fetches.underWay = []
        poll.round.refreshQueued = false
        return [.timer(.cancelPoll)] + startRound()
    }

    mutating func receivePage(_ page: BatchListPage, at: Date) -> [Effect] {
        now = at
        poll.round.outstanding = max(0, poll.round.outstanding - 1)
        poll.connection.lastSuccessAt = at
        poll.round.pages += 1
        poll.walk.pages += 1
        let resuming = poll.walk.resumeAfter != nil
        for batch in page.data {
            poll.round.seen.insert(batch.id)
            poll.fetches.goneStrikes[batch.id] = nil
        }
        // Newest first: a page that holds any known batch reaches back past everything new.
        let allNew = !page.data.isEmpty && page.data.allSatisfy { mirror.batches[$0.id] == nil }
        // Ordered once the walk stops for this round, and after its first page (something to draw at
        // once): sorting the whole list again after each of ten pages was a tenth of `--once`.
        var effects = merge(page.data, at: at, ordering: false)
        if list.order.isEmpty { refreshOrderIfNeeded() }
        mirror.everLoaded = true
        mirror.slotHistory.record(used: mirror.activeIDs.count, at: at)
        // Walk on while the first full load is under way, or while every batch of the page is new
        // (more than a page was created since the last poll).
        if page.hasMore, let last = page.lastID ?? page.data.last?.id, !page.data.isEmpty,
           !poll.walk.fullyLoaded || allNew {
            if poll.walk.cursors.contains(last) {
                endWalk(incomplete: "list may be incomplete: the server repeated a page")
            } else if poll.walk.pages >= Self.maxWalkPages {
                endWalk(incomplete: "list may be incomplete: stopped after \(Formatting.count(poll.walk.pages)) pages")
            } else if poll.round.pages >= Self.maxPagesPerRound {
                // The rest at the poll's pace: the next round starts here.
                poll.walk.cursors.insert(last)
                poll.walk.resumeAfter = last
                poll.walk.incomplete = "loading the list: \(Formatting.count(mirror.batches.count)) batches so far"
            } else {
                poll.walk.cursors.insert(last)
                poll.round.outstanding += 1
                effects.append(.api(.listPage(after: last, limit: Self.fullPageSize), poll.epoch))
                return effects + finishRoundIfDone()
            }
        } else {
            poll.walk.resumeAfter = nil
            if !page.hasMore {
                // The end of the list: whatever stopped an earlier walk, this one saw everything.
                poll.walk.fullyLoaded = true
                poll.walk.incomplete = nil
            } else if resuming {
                // A walk the page cap spread over rounds reached batches it knew: it is complete.
                poll.walk.incomplete = nil
            }
        }
        refreshOrderIfNeeded()
        effects += batchFetchesAfterList()
        effects += finishRoundIfDone()
        return effects
    }

    /// Ends a walk that would not end by itself. The list counts as loaded, so later rounds read
    /// only the newest page; `listIncomplete` says why the header cannot promise every batch.
    mutating func endWalk(incomplete reason: String) {
        poll.walk.fullyLoaded = true
        poll.walk.resumeAfter = nil
        poll.walk.cursors = []
        poll.walk.pages = 0
        poll.walk.incomplete = reason
    }

    /// GETs after the list: non-terminal batches the walked pages did not refresh, and the batch the
    /// person is looking at when it still lacks its results. A terminal batch holding its results is final.
    mutating func batchFetchesAfterList() -> [Effect] {
        var ids = mirror.activeIDs.filter { !poll.round.seen.contains($0) }
        for watched in [list.selectedID, itemsBatchID].compactMap({ $0 }) {
            if let batch = mirror.batches[watched], needsFetch(batch) { ids.insert(watched) }
        }
        return fetch(ids.subtracting(poll.fetches.underWay).sorted())
    }

    /// GETs of `ids`, counted as outstanding requests and remembered as under way.
    mutating func fetch(_ ids: [String]) -> [Effect] {
        poll.round.outstanding += ids.count
        poll.fetches.underWay.formUnion(ids)
        return ids.map { .api(.batch(id: $0), poll.epoch) }
    }

    /// Whether a GET can tell anything the list did not.
    func needsFetch(_ batch: Batch) -> Bool {
        guard let status = batch.status, status.isTerminal else { return !poll.round.seen.contains(batch.id) }
        return results.items[batch.id] == nil && results.unavailable[batch.id] == nil
    }

    /// One request of the round answered; ends the round when it was the last.
    mutating func requestAnswered() -> [Effect] {
        poll.round.outstanding = max(0, poll.round.outstanding - 1)
        return finishRoundIfDone()
    }

    mutating func finishRoundIfDone() -> [Effect] {
        guard poll.round.active, poll.round.outstanding == 0 else { return [] }
        poll.round.active = false
        poll.round.startedAt = nil
        let delay: Double
        if let error = poll.round.error {
            poll.backoff.failures += 1
            switch error.kind {
            case .keyRefused, .noBatchAPI:
                // The server is up and says no: asking again soon cannot change its mind. Once a
                // minute, and `r` asks now (after the key or the URL was fixed).
                delay = max(Self.maximumDelay, error.retryAfter ?? 0)
            case .outage, .other:
                delay = backoffDelay(failures: poll.backoff.failures, retryAfter: error.retryAfter)
            }
            var since = now
            if case .failing(let failure) = poll.connection.state, failure.kind == error.kind {
                since = failure.since
            } else if error.kind == .keyRefused {
                // Once per run of refusals, not once a minute.
                events.append(LoggedEvent(.refused, at: serverClock.serverTime(at: now), text: "key refused: \(error.words)"))
            }
            poll.connection.state = .failing(ConnectionFailure(kind: error.kind, words: error.words, since: since,
                                                         failures: poll.backoff.failures,
                                                         nextAttempt: now.addingTimeInterval(delay)))
        } else {
            poll.backoff.failures = 0
            poll.connection.state = .live
            delay = adaptiveDelay()
        }
        if poll.round.refreshQueued {
            poll.round.refreshQueued = false
            return startRound()
        }
        guard !poll.paused else {
            poll.backoff.nextPollAt = nil
            return []
        }
        poll.backoff.lastDelay = delay
        poll.backoff.nextPollAt = now.addingTimeInterval(delay)
        return [.timer(.schedulePoll(after: delay))]
    }

    /// Doubling from the base interval, capped, never sooner than Retry-After. No jitter: one
    /// dashboard per person does not stampede, and exact delays keep tests exact.
    func backoffDelay(failures: Int, retryAfter: Double?) -> Double {
        let doubled = poll.baseInterval * pow(2, Double(min(failures, 16)))
        return max(min(doubled, Self.maximumDelay), retryAfter ?? 0)
    }

    /// The base interval while batches move; slower when active batches stand still, slower still
    /// when nothing is active (nothing can change but a new batch appearing).
    func adaptiveDelay() -> Double {
        let base = poll.baseInterval
        if poll.round.sawMovement { return base }
        if mirror.activeIDs.isEmpty { return max(base, min(base * 5, Self.idleDelayCap)) }
        return max(base, min(base * 2, Self.idleDelayCap))
    }

    /// Poll interval steps for `+` and `-`.
    static let intervalSteps: [Double] = [0.5, 1, 2, 3, 5, 10, 15, 30, 60]

    mutating func changeInterval(faster: Bool) -> [Effect] {
        let steps = Self.intervalSteps
        let current = poll.baseInterval
        let next: Double
        if faster {
            next = steps.last(where: { $0 < current }) ?? steps[0]
        } else {
            next = steps.first(where: { $0 > current }) ?? steps[steps.count - 1]
        }
        poll.baseInterval = next
        message = StatusMessage("poll every \(Formatting.seconds(next))", at: now)
        // Re-arm a waiting timer with the new pace; a running round schedules with it when it ends.
        guard !poll.round.active, !poll.paused, poll.backoff.failures == 0 else { return [] }
        let delay = adaptiveDelay()
        poll.backoff.lastDelay = delay
        poll.backoff.nextPollAt = now.addingTimeInterval(delay)
        return [.timer(.schedulePoll(after: delay))]
    }

    /// Notes one failure of the running round; the most telling one decides how it reads.
    mutating func roundFailed(_ summary: MeshErrorSummary) {
        if let current = poll.round.error, !summary.outranks(current) { return }
        poll.round.error = summary
    }

    /// The delay the poller waits between rounds now, as the header says it, and why it is slower
    /// than the base interval when it is ("idle": nothing active; "nothing moving": active batches
    /// stood still last round).
    public var pollPace: (seconds: Double, slowerBecause: String?) {
        let delay = poll.backoff.lastDelay ?? poll.baseInterval
        guard poll.backoff.failures == 0, delay > poll.baseInterval else { return (delay, nil) }
        if mirror.activeIDs.isEmpty { return (delay, "idle") }
        // Standing still is known only from two samples of every active batch: at start, after a
        // profile switch, in `--once` and for a batch seen for the first time, nothing is said.
        return (delay, mirror.everyActiveBatchSeenBefore(poll.connection.lastSuccessAt) ? "nothing moving" : nil)
    }

    /// The last good answer is older than the poller's pace allows: the data on screen is stale.
    public var answerOverdue: Bool {
        guard case .live = poll.connection.state, !poll.paused, let last = poll.connection.lastSuccessAt else { return false }
        return now.timeIntervalSince(last) > staleAfter
    }

    /// Seconds after the last good answer when "live" turns "stale": the pace and half again, plus
    /// 3 s for the answer to travel (6 s at a 2 s pace, 18 s idle at 10 s). A server that died with a
    /// request under way no longer reads "live" for the 15 s a round takes to be overdue.
    public var staleAfter: Double {
        (poll.backoff.lastDelay ?? poll.baseInterval) * 1.5 + 3
    }

    /// What the screen shows of the batches is the last good answer's, not the server's now: the
    /// polls fail, the next answer is late, or the round waits past `overdueSeconds`. Rows and the
    /// quota are drawn faint then, and nothing measured from movement (ETAs, the next free slot) is
    /// said: an ETA of 25s drawn for 40 s would be a promise made from numbers nobody has.
    /// Not while paused: the person stopped the polls and the header says so.
    public var showsStaleData: Bool {
        guard poll.connection.lastSuccessAt != nil, !poll.paused else { return false }
        if case .failing = poll.connection.state { return true }
        return answerOverdue || roundOverdue
    }
}
