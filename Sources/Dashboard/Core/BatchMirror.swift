import Foundation
import MeshAPI

/// What the dashboard knows of the server's batches: the mirror the poller keeps up to date.
/// Only answers change it; no screen state lives here.
public struct BatchMirror: Hashable, Sendable {
    /// Every batch seen, by id: merging a page of 100 into 10,000 is 100 lookups. Results are
    /// never kept inside a batch (see `ResultsStore`).
    public var batches: [String: Batch] = [:]
    /// Non-terminal batches: they count against the quota and are the ones polled with GET.
    /// Kept here so the header does not scan 10,000 batches per frame.
    public var activeIDs: Set<String> = []
    /// Finished-item counts over time of the active batches, for throughput, ETA and the sparkline.
    public var progress: [String: ProgressHistory] = [:]
    /// When a row's status or counts last changed: it highlights for `DashboardState.highlightSeconds`.
    public var changedAt: [String: Date] = [:]
    /// Batches the person asked to cancel, shown as `cancelling` until the server agrees.
    public var cancelRequested: Set<String> = []
    /// Token usage summed over a batch's results, computed when results arrive (not per frame).
    /// Kept when the summaries are evicted: the detail pane's tokens and cost need no items.
    public var usage: [String: TokenUsage] = [:]
    /// Slots used (active batches) over the last hour, one sample a minute at most.
    public var slotHistory = SlotHistory()
    /// At least one list answer came: until then the quota is unknown, not zero.
    public var everLoaded = false

    public init() {}

    /// Every active batch was first seen before `answer` (the last good list answer): only then has
    /// it been seen twice, and only then can "nothing moved" be said. An unchanged batch records no
    /// new sample, so its first sample's time is what tells.
    public func everyActiveBatchSeenBefore(_ answer: Date?) -> Bool {
        guard let answer else { return false }
        return activeIDs.allSatisfy { id in progress[id]?.samples.first.map { $0.at < answer } ?? false }
    }

    /// The status to show: `cancelling` as soon as the person confirmed a cancel.
    public func shownStatus(_ batch: Batch) -> BatchStatus {
        let status = batch.status ?? BatchStatus(rawValue: "unknown")
        if cancelRequested.contains(batch.id), !status.isTerminal { return .cancelling }
        return status
    }
}
