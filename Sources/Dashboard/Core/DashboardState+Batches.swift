import Foundation
import MeshAPI

/// Merging answers into the mirror, keeping results, and keeping the list's order.
extension DashboardState {
    /// Upserts `incoming` and refreshes the list order where it may have changed. Returns the effects
    /// of batches that ended while watched (a bell). Work is per incoming batch, never per known batch.
    /// `ordering: false` leaves the order to the caller (`receivePage`, while the walk goes on).
    mutating func merge(_ incoming: [Batch], at: Date, ordering: Bool = true) -> [Effect] {
        var effects: [Effect] = []
        for var batch in incoming {
            let id = batch.id
            let old = mirror.batches[id]
            // Results are kept as summaries (`results`), never inside the batch: a list page that
            // carries them anyway must not put 50,000 JSON trees in memory.
            batch.results = nil
            if let old, old == batch { continue }
            let terminal = batch.status?.isTerminal ?? false
            if let old {
                let statusChanged = old.status != batch.status
                let countsChanged = old.requestCounts != batch.requestCounts
                if statusChanged || countsChanged {
                    mirror.changedAt[id] = at
                    poll.round.sawMovement = true
                }
                if statusChanged || old.model != batch.model || old.metadata != batch.metadata
                    || old.createdAt != batch.createdAt
                    || (countsChanged && (list.sort == .progress || list.sort == .eta || list.statusFilter == .hasFailures)) {
                    list.orderDirty = true
                }
                if !(old.status?.isTerminal ?? false), terminal {
                    ended(batch, at: at)
                    // One bell for an answer however many batches it ends: nine in a row say nothing more.
                    if options.bell, !effects.contains(.terminal(.bell)) { effects.append(.terminal(.bell)) }
                }
            } else {
                list.orderDirty = true
            }
            if terminal {
                mirror.activeIDs.remove(id)
                mirror.progress.removeValue(forKey: id)
            } else {
                mirror.activeIDs.insert(id)
                if let counts = batch.requestCounts {
                    mirror.progress[id, default: ProgressHistory()].record(finished: counts.finished, at: at)
                }
            }
            if batch.status == .cancelling || terminal { mirror.cancelRequested.remove(id) }
            mirror.batches[id] = batch
        }
        if ordering { refreshOrderIfNeeded() }
        return effects
    }

    /// Forgets a batch the API no longer knows (see `.batchFailed`): out of the list, the quota and
    /// every table, its items screen closed. Answers the release of the spool space its results took.
    mutating func drop(_ id: String) -> [Effect] {
        mirror.batches.removeValue(forKey: id)
        mirror.activeIDs.remove(id)
        mirror.progress.removeValue(forKey: id)
        mirror.changedAt.removeValue(forKey: id)
        mirror.cancelRequested.remove(id)
        mirror.usage.removeValue(forKey: id)
        poll.fetches.goneStrikes.removeValue(forKey: id)
        results.recency.removeAll { $0 == id }
        let released = results.items.removeValue(forKey: id) ?? []
        if itemsBatchID == id { route = .list }
        if case .confirmCancel(let dialog) = overlay, dialog.batchID == id { overlay = .none }
        list.orderDirty = true
        refreshOrderIfNeeded()
        return results.release(released)
    }

    /// Keeps a batch's item summaries and usage; the items screen follows when it shows that batch.
    /// Answers the release of whatever this pushed out (see `DashboardOptions.keptResultItems`).
    mutating func storeResults(_ items: [ItemSummary], usage batchUsage: TokenUsage, batchID: String) -> [Effect] {
        let replaced = results.items[batchID] ?? []
        results.items[batchID] = items
        mirror.usage[batchID] = batchUsage
        results.touch(batchID)
        if itemsBatchID == batchID { rebuildItems() }
        return results.release(replaced) + evictResults()
    }

    /// Drops the least recently used batches' summaries while more than `keptResultItems` are
    /// loaded, never those of the batch on screen (items screen or selection). Usage stays.
    mutating func evictResults() -> [Effect] {
        var kept = results.keptCount
        var released: [ItemSummary] = []
        var candidates = results.recency[...]
        while kept > options.keptResultItems, let oldest = candidates.popFirst() {
            guard oldest != itemsBatchID, oldest != list.selectedID, let items = results.items.removeValue(forKey: oldest) else { continue }
            results.recency.removeAll { $0 == oldest }
            kept -= items.count
            released += items
        }
        return results.release(released)
    }

    /// A watched batch ended: logged, and said. Several ending in one round are said in one
    /// message that counts them ("9 batches ended: 7 completed, 2 failed"); one alone by its id.
    mutating func ended(_ batch: Batch, at: Date) {
        let status = batch.status ?? .completed
        let kind: LoggedEvent.Kind
        switch status {
        case .failed: kind = .failed
        case .expired: kind = .expired
        case .cancelled: kind = .cancelled
        default: kind = .completed
        }
        events.append(LoggedEvent(kind, at: serverClock.serverTime(at: at), batchID: batch.id,
                                  project: batch.metadata?["project"]?.stringValue, text: Self.endedDetails(batch)))
        // A cancel answered between rounds ends a batch outside any round: said alone.
        if poll.round.active { poll.round.ended.append(status) } else { poll.round.ended = [status] }
        let statuses = poll.round.ended
        if statuses.count == 1 {
            message = StatusMessage(Self.endedMessage(batch), isError: status != .completed, at: at)
        } else {
            message = StatusMessage(Self.endedMessage(statuses), isError: statuses.contains { $0 != .completed }, at: at)
        }
    }

    /// "9 batches ended: 7 completed, 2 failed": the kinds in the list's order of statuses.
    static func endedMessage(_ statuses: [BatchStatus]) -> String {
        let order: [BatchStatus] = [.completed, .failed, .expired, .cancelled]
        let counts = order.compactMap { status -> String? in
            let count = statuses.filter { $0 == status }.count
            return count > 0 ? "\(Formatting.count(count)) \(status.rawValue)" : nil
        }
        return "\(Formatting.count(statuses.count)) batches ended: " + counts.joined(separator: ", ")
    }

    /// "batch_abc completed: 498 ok, 2 failed".
    static func endedMessage(_ batch: Batch) -> String {
        let status = batch.status?.rawValue ?? "ended"
        let details = endedDetails(batch)
        return "\(batch.id) \(status)" + (details.isEmpty ? "" : ": " + details)
    }

    /// "498 ok, 2 failed" (the event log names the batch and the status in columns of their own).
    static func endedDetails(_ batch: Batch) -> String {
        guard let counts = batch.requestCounts else { return "" }
        var text = "\(counts.completed) ok, \(counts.failed) failed"
        if counts.pending > 0 { text += ", \(counts.pending) not run" }
        if batch.status == .failed, let detail = batch.errorsDetail?.first {
            text += " (\(detail.code ?? "error"): \(detail.message ?? ""))"
        }
        return text
    }

    mutating func refreshOrderIfNeeded() {
        list.refreshOrderIfNeeded(mirror, layout)
    }

    /// The message line empties itself `StatusMessage.goneSeconds` after it was said (on a tick:
    /// the renderer asks for a frame at that moment, so no timer of its own is needed).
    mutating func expireMessage() {
        guard let said = message?.at, now.timeIntervalSince(said) >= StatusMessage.goneSeconds else { return }
        message = nil
    }

    mutating func expireHighlights() {
        guard !mirror.changedAt.isEmpty else { return }
        mirror.changedAt = mirror.changedAt.filter { now.timeIntervalSince($0.value) < Self.highlightSeconds }
    }

    /// The status to show: `cancelling` as soon as the person confirmed a cancel.
    func shownStatus(_ batch: Batch) -> BatchStatus { mirror.shownStatus(batch) }
}
