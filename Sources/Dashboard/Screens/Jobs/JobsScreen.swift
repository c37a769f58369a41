import Foundation
import MeshAPI

/// The Jobs screen (`J`): every job of the journal with its progress, and Enter on one for its
/// chunks and attempts (Enter on an attempt's batch opens that batch's items). The Dashboard does
/// no I/O: the runtime reads the journal read-only when `readDue` asks (`JournalRead`) and answers
/// with plain values (`Action.jobsLoaded`), which land here.
public struct JobsScreen: Hashable, Sendable {
    public enum Reading: Hashable, Sendable {
        /// Not read yet, or the first read is on its way.
        case waiting
        /// The journal does not exist yet: no job was ever started on this machine.
        case noJournal
        case read(at: Date)
        /// The last read failed; the jobs shown are the last good read's.
        case failed(reason: String, at: Date)
    }

    public var jobs: [JobSummary] = []
    public var scroll = ScrollState.selecting
    /// The job whose chunks are open, nil on the list of jobs.
    public var opened: OpenedJob?
    public var reading: Reading = .waiting
    /// When the journal was last asked for (at most once per `readSeconds`, one read at a time).
    public var askedAt: Date?
    public var asking = false

    /// Seconds between two reads of the journal.
    public static let readSeconds: Double = 2

    public init() {}

    /// The selected job of the list.
    public var selectedJob: JobSummary? {
        guard let at = scroll.selected, jobs.indices.contains(at) else { return nil }
        return jobs[at]
    }
}
