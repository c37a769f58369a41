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

    /// Starts a poll round unless one is running (then it is queued: polls never overlap).
    mutating func startRound() -> [Effect] {
        if poll.roundActive {
            poll.refreshQueued = true
            return []
        }
        poll.roundActive = true
        poll.roundError = nil
        poll.roundSawMovement = false
        poll.seenThisRound = []
        poll.nextPollAt = nil
        poll.outstanding += 1
        return [.fetchListPage(after: nil, limit: poll.listFullyLoaded ? Self.refreshPageSize : Self.fullPageSize)]
    }

    mutating func receivePage(_ page: BatchListPage, at: Date) -> [Effect] {
        now = at
        poll.outstanding = max(0, poll.outstanding - 1)
        poll.lastSuccessAt = at
        for batch in page.data { poll.seenThisRound.insert(batch.id) }
        // Newest first: a page that holds any known batch reaches back past everything new.
        let allNew = !page.data.isEmpty && page.data.allSatisfy { batches[$0.id] == nil }
        var effects = merge(page.data, at: at)
        // Walk on while the first full load is under way, or while every batch of the page is new
        // (more than a page was created since the last poll).
        if page.hasMore, let last = page.lastID ?? page.data.last?.id, !page.data.isEmpty,
           !poll.listFullyLoaded || allNew {
            poll.outstanding += 1
            effects.append(.fetchListPage(after: last))
        } else {
            if !page.hasMore { poll.listFullyLoaded = true }
            effects += batchFetchesAfterList()
        }
        effects += finishRoundIfDone()
        return effects
    }

    /// GETs after the list: non-terminal batches the walked pages did not refresh, and the batch the
    /// person is looking at when it still lacks its results. A terminal batch holding its results is final.
    mutating func batchFetchesAfterList() -> [Effect] {
        var ids = activeIDs.filter { !poll.seenThisRound.contains($0) }
        for watched in [selectedID, itemsBatchID].compactMap({ $0 }) {
            if let batch = batches[watched], needsFetch(batch) { ids.insert(watched) }
        }
        return fetch(ids.subtracting(poll.fetching).sorted())
    }

    /// GETs of `ids`, counted as outstanding requests and remembered as under way.
    mutating func fetch(_ ids: [String]) -> [Effect] {
        poll.outstanding += ids.count
        poll.fetching.formUnion(ids)
        return ids.map { .fetchBatch(id: $0) }
    }

    /// Whether a GET can tell anything the list did not.
    func needsFetch(_ batch: Batch) -> Bool {
        guard let status = batch.status, status.isTerminal else { return !poll.seenThisRound.contains(batch.id) }
        return results[batch.id] == nil
    }

    /// The batch of the items or body view.
    var itemsBatchID: String? {
        switch mode {
        case .list: return nil
        case .items(let id), .itemBody(let id, _): return id
        }
    }

    /// One request of the round answered; ends the round when it was the last.
    mutating func requestAnswered() -> [Effect] {
        poll.outstanding = max(0, poll.outstanding - 1)
        return finishRoundIfDone()
    }

    mutating func finishRoundIfDone() -> [Effect] {
        guard poll.roundActive, poll.outstanding == 0 else { return [] }
        poll.roundActive = false
        let delay: Double
        if let error = poll.roundError {
            poll.consecutiveFailures += 1
            delay = backoffDelay(failures: poll.consecutiveFailures, retryAfter: error.retryAfter)
            var since = now
            if case .failing(_, let firstFailure, _, _) = connection { since = firstFailure }
            connection = .failing(error: error.words, since: since, failures: poll.consecutiveFailures,
                                  nextAttempt: now.addingTimeInterval(delay))
        } else {
            poll.consecutiveFailures = 0
            connection = .live
            delay = adaptiveDelay()
        }
        if poll.refreshQueued {
            poll.refreshQueued = false
            return startRound()
        }
        guard !poll.paused else {
            poll.nextPollAt = nil
            return []
        }
        poll.lastDelay = delay
        poll.nextPollAt = now.addingTimeInterval(delay)
        return [.schedulePoll(after: delay)]
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
        if poll.roundSawMovement { return base }
        if activeIDs.isEmpty { return max(base, min(base * 5, Self.idleDelayCap)) }
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
        guard !poll.roundActive, !poll.paused, poll.consecutiveFailures == 0 else { return [] }
        let delay = adaptiveDelay()
        poll.lastDelay = delay
        poll.nextPollAt = now.addingTimeInterval(delay)
        return [.schedulePoll(after: delay)]
    }
}
