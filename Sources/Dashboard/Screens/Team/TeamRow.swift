import Foundation
import MeshAPI

/// One profile of config.toml on the team overview: what its first list page said of its quota.
public struct TeamRow: Hashable, Sendable {
    public enum Reading: Hashable, Sendable {
        /// Not asked yet, or the first answer is on its way.
        case waiting
        case answered(at: Date)
        /// `words` is the reason without the request id, which is kept apart so that a long id never
        /// crowds out why a key was refused (the selected row shows it below the table).
        case failed(words: String, kind: ConnectionFailure.Kind, requestID: String?, at: Date)
    }

    public var profile: String
    /// Non-terminal batches on the profile's first list page: its slots used.
    public var active: Int?
    /// Of those, the batches in progress (the rest are validating, finalizing or cancelling).
    public var running: Int?
    /// Failed items of the batches on that page.
    public var failedItems: Int?
    /// The first page had more behind it: an old batch still running further back would not be counted.
    public var morePages = false
    public var reading: Reading = .waiting
    /// Items finished of each batch in progress at the last answer: two answers give a pace.
    public var lastFinished: [String: Int] = [:]
    /// When a slot is likely to free at the pace seen between the last two answers (the soonest
    /// batch in progress to end); nil until two answers saw one move.
    public var nextSlotAt: Date?
    /// When this profile was last asked (at most once per `TeamScreen.pollSeconds`).
    public var askedAt: Date?
    public var asking = false

    public init(profile: String) {
        self.profile = profile
    }

    /// A list page answered at `at`: the slots, what runs, the failed items, and from the pace since
    /// the previous answer when the next slot frees.
    mutating func read(_ page: BatchListPage, at: Date) {
        let live = page.data.filter { !$0.isTerminal }
        let inProgress = live.filter { $0.status == .inProgress }
        var finished: [String: Int] = [:]
        var soonest: Double?
        let previousAt: Date? = if case .answered(let then) = reading { then } else { nil }
        for batch in inProgress {
            guard let counts = batch.requestCounts?.clampedToTotal else { continue }
            finished[batch.id] = counts.finished
            guard let previousAt, let before = lastFinished[batch.id], counts.finished > before else { continue }
            let rate = Double(counts.finished - before) / max(1, at.timeIntervalSince(previousAt))
            let seconds = Double(counts.pending) / rate
            soonest = min(soonest ?? seconds, seconds)
        }
        active = live.count
        running = inProgress.count
        failedItems = page.data.reduce(0) { WireNumber.sum($0, $1.requestCounts?.failed ?? 0) }
        morePages = page.hasMore
        lastFinished = finished
        nextSlotAt = soonest.map { at.addingTimeInterval($0) }
        reading = .answered(at: at)
    }
}
