import Foundation
import MeshAPI

/// Merging answers into the batch table and keeping the list order.
extension DashboardState {
    /// Upserts `incoming` and refreshes the list order where it may have changed. Returns the effects
    /// of batches that ended while watched (a bell). Work is per incoming batch, never per known batch.
    mutating func merge(_ incoming: [Batch], at: Date) -> [Effect] {
        var effects: [Effect] = []
        for var batch in incoming {
            let id = batch.id
            let old = batches[id]
            // Results are kept as summaries (`results`), never inside the batch: a list page that
            // carries them anyway must not put 50,000 JSON trees in memory.
            batch.results = nil
            if let old, old == batch { continue }
            let terminal = batch.status?.isTerminal ?? false
            if let old {
                let statusChanged = old.status != batch.status
                let countsChanged = old.requestCounts != batch.requestCounts
                if statusChanged || countsChanged {
                    changedAt[id] = at
                    poll.roundSawMovement = true
                }
                if statusChanged || old.model != batch.model || old.metadata != batch.metadata
                    || old.createdAt != batch.createdAt
                    || (countsChanged && (sort == .progress || statusFilter == .failed)) {
                    orderDirty = true
                }
                if !(old.status?.isTerminal ?? false), terminal {
                    message = StatusMessage(Self.endedMessage(batch), isError: batch.status != .completed, at: at)
                    if options.bell { effects.append(.bell) }
                }
            } else {
                orderDirty = true
            }
            if terminal {
                activeIDs.remove(id)
                progress.removeValue(forKey: id)
            } else {
                activeIDs.insert(id)
                if let counts = batch.requestCounts {
                    progress[id, default: ProgressHistory()].record(finished: counts.finished, at: at)
                }
            }
            if batch.status == .cancelling || terminal { cancelRequested.remove(id) }
            batches[id] = batch
        }
        refreshOrderIfNeeded()
        return effects
    }

    /// Forgets a batch the API no longer knows (see `.batchFailed`): out of the list, the quota and
    /// every table, its items view closed. Answers the release of the spool space its results took.
    mutating func drop(_ id: String) -> [Effect] {
        batches.removeValue(forKey: id)
        activeIDs.remove(id)
        progress.removeValue(forKey: id)
        changedAt.removeValue(forKey: id)
        cancelRequested.remove(id)
        poll.goneStrikes.removeValue(forKey: id)
        usage.removeValue(forKey: id)
        resultsRecency.removeAll { $0 == id }
        let released = results.removeValue(forKey: id) ?? []
        if itemsBatchID == id {
            mode = .list
            items = nil
            itemBody = nil
        }
        if case .confirmCancel(let batchID, _) = overlay, batchID == id { overlay = .none }
        orderDirty = true
        refreshOrderIfNeeded()
        return Self.release(released)
    }

    /// Keeps a batch's item summaries and usage; the items view follows when it shows that batch.
    /// Answers the release of whatever this pushed out (see `DashboardOptions.keptResultItems`).
    mutating func storeResults(_ items: [ItemSummary], usage batchUsage: TokenUsage, batchID: String) -> [Effect] {
        results[batchID] = items
        usage[batchID] = batchUsage
        touchResults(batchID)
        if itemsBatchID == batchID { rebuildItems() }
        return evictResults()
    }

    /// Marks a batch's results as the most recently used.
    mutating func touchResults(_ batchID: String) {
        guard results[batchID] != nil else { return }
        resultsRecency.removeAll { $0 == batchID }
        resultsRecency.append(batchID)
    }

    /// Drops the least recently used batches' summaries while more than `keptResultItems` are
    /// loaded, never those of the batch on screen (items view or selection). Usage stays: the
    /// detail pane's tokens and cost need no items.
    mutating func evictResults() -> [Effect] {
        var kept = results.values.reduce(0) { $0 + $1.count }
        var released: [ItemSummary] = []
        var candidates = resultsRecency[...]
        while kept > options.keptResultItems, let oldest = candidates.popFirst() {
            guard oldest != itemsBatchID, oldest != selectedID, let items = results.removeValue(forKey: oldest) else { continue }
            resultsRecency.removeAll { $0 == oldest }
            kept -= items.count
            released += items
        }
        return Self.release(released)
    }

    /// The effect that gives the spool space of `items` back (none for no items): the state keeps
    /// no summary of them any more.
    public static func release(_ items: [ItemSummary]) -> [Effect] {
        items.isEmpty ? [] : [.releaseResults(spans: mergedSpans(items.map(\.span)))]
    }

    /// Spans as few as they can be: results of one download lie end to end in the spool.
    static func mergedSpans(_ spans: [ByteSpan]) -> [ByteSpan] {
        var merged: [ByteSpan] = []
        for span in spans.sorted(by: { $0.offset < $1.offset }) where span.length > 0 {
            if let last = merged.last, span.offset <= last.offset + Int64(last.length) {
                let end = max(last.offset + Int64(last.length), span.offset + Int64(span.length))
                merged[merged.count - 1].length = Int(end - last.offset)
            } else {
                merged.append(span)
            }
        }
        return merged
    }

    /// "batch_abc completed: 498 ok, 2 failed".
    static func endedMessage(_ batch: Batch) -> String {
        let status = batch.status?.rawValue ?? "ended"
        guard let counts = batch.requestCounts else { return "\(batch.id) \(status)" }
        var text = "\(batch.id) \(status): \(counts.completed) ok, \(counts.failed) failed"
        if counts.pending > 0 { text += ", \(counts.pending) not run" }
        if batch.status == .failed, let detail = batch.errorsDetail?.first {
            text += " (\(detail.code ?? "error"): \(detail.message ?? ""))"
        }
        return text
    }

    mutating func refreshOrderIfNeeded() {
        if orderDirty { refreshOrder() }
    }

    /// Recomputes the shown ids and puts the selection back on its batch (or, when the batch left
    /// the view, on the row where it was).
    mutating func refreshOrder() {
        orderDirty = false
        order = BatchOrdering.order(batches: batches, sort: sort, statusFilter: statusFilter, filterText: filterText)
        if let selectedID, let index = order.firstIndex(of: selectedID) {
            selectedIndex = index
        } else if order.isEmpty {
            selectedIndex = nil
            selectedID = nil
        } else {
            let index = min(selectedIndex ?? 0, order.count - 1)
            selectedIndex = index
            selectedID = order[index]
        }
        keepSelectionVisible()
    }

    mutating func select(index: Int) {
        guard !order.isEmpty else { return }
        let clamped = min(max(0, index), order.count - 1)
        if clamped != selectedIndex { detailScroll = 0 }
        selectedIndex = clamped
        selectedID = order[clamped]
        keepSelectionVisible()
    }

    mutating func keepSelectionVisible() {
        let rows = max(1, Layout(width: width, height: height).listRows)
        guard let index = selectedIndex else {
            listScroll = 0
            return
        }
        if index < listScroll { listScroll = index }
        if index >= listScroll + rows { listScroll = index - rows + 1 }
        listScroll = max(0, min(listScroll, order.count - rows))
    }

    mutating func expireHighlights() {
        guard !changedAt.isEmpty else { return }
        changedAt = changedAt.filter { now.timeIntervalSince($0.value) < Self.highlightSeconds }
    }

    /// The status to show: `cancelling` as soon as the person confirmed a cancel.
    func shownStatus(_ batch: Batch) -> BatchStatus {
        let status = batch.status ?? BatchStatus(rawValue: "unknown")
        if cancelRequested.contains(batch.id), !status.isTerminal { return .cancelling }
        return status
    }
}
