import MeshAPI

/// Sorting and filtering of the batch list, with keys computed once per batch rather than per comparison.
enum BatchOrdering {
    static func order(batches: [String: Batch], sort: SortKey, reversed: Bool = false, statusFilter: StatusFilter,
                      filterText: String, progress: [String: ProgressHistory] = [:]) -> [String] {
        rows(batches: batches, sort: sort, reversed: reversed, statusFilter: statusFilter,
             filterText: filterText, progress: progress).ids
    }

    /// The ordered ids, and each one's `created_at` (0 for none) in the same order.
    static func rows(batches: [String: Batch], sort: SortKey, reversed: Bool = false, statusFilter: StatusFilter,
                     filterText: String, progress: [String: ProgressHistory] = [:]) -> (ids: [String], createdAt: [Int]) {
        let needle = SearchFolding(filterText)
        // Rows hold the keys only: sorting whole `Batch` values moved (and retained) every field of
        // every batch at each step, and the list is ordered again after each page of the walk.
        var rows: [Row] = []
        rows.reserveCapacity(batches.count)
        for batch in batches.values where statusFilter.admits(batch) {
            if !needle.isEmpty, !matches(batch, needle) { continue }
            let rank: Double
            var text = ""
            switch sort {
            case .created: rank = 0
            case .status: rank = statusRank(batch.status)
            case .progress: rank = -fraction(batch)
            case .model: rank = 0; text = batch.model ?? ""
            case .eta: rank = etaRank(batch, progress[batch.id])
            }
            rows.append(Row(id: batch.id, createdAt: batch.createdAt ?? 0, rank: rank, text: text))
        }
        rows.sort { lhs, rhs in
            if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
            if lhs.text != rhs.text { return lhs.text < rhs.text }
            if lhs.createdAt != rhs.createdAt { return lhs.createdAt > rhs.createdAt }
            return lhs.id > rhs.id
        }
        if reversed { rows.reverse() }
        return (rows.map(\.id), rows.map(\.createdAt))
    }

    /// One batch's sort keys.
    private struct Row {
        var id: String
        var createdAt: Int
        var rank: Double
        var text: String
    }

    /// Soonest done first; running batches without a pace yet after those with one; ended last.
    static func etaRank(_ batch: Batch, _ history: ProgressHistory?) -> Double {
        guard let status = batch.status, !status.isTerminal else { return .greatestFiniteMagnitude }
        guard let counts = batch.requestCounts, let eta = history?.eta(pending: counts.pending) else { return 1e15 }
        return eta
    }

    /// Active work first, in lifecycle order; then how batches ended.
    static func statusRank(_ status: BatchStatus?) -> Double {
        switch status {
        case .inProgress?: return 0
        case .finalizing?: return 1
        case .validating?: return 2
        case .cancelling?: return 3
        case .failed?: return 5
        case .expired?: return 6
        case .cancelled?: return 7
        case .completed?: return 8
        default: return 4
        }
    }

    static func fraction(_ batch: Batch) -> Double {
        guard let counts = batch.requestCounts, counts.total > 0 else { return 0 }
        return Double(counts.finished) / Double(counts.total)
    }

    /// `/` matches the id, model, status and metadata values, folded (`SearchFolding`).
    static func matches(_ batch: Batch, _ needle: SearchFolding) -> Bool {
        if needle.matches(batch.id) { return true }
        if let model = batch.model, needle.matches(model) { return true }
        if let status = batch.status, needle.matches(status.rawValue) { return true }
        for value in (batch.metadata ?? [:]).values {
            if let text = value.stringValue, needle.matches(text) { return true }
        }
        return false
    }
}
