extension BatchMirror {
    /// Seconds until a slot is likely to free: the soonest ETA among the live batches at the pace
    /// seen (the list's ETA column), nil when none has one yet. What the header says when the quota is full.
    public var soonestSlotETA: Double? {
        activeIDs.compactMap { id -> Double? in
            guard let batch = batches[id], shownStatus(batch) == .inProgress, let counts = batch.requestCounts else { return nil }
            return progress[id]?.eta(pending: counts.clampedToTotal.pending)
        }.min()
    }
}
