/// Where a job stands, as its journal says. Stored as its raw value; a state from a newer meshtop
/// reads as `.unknown` rather than failing the whole list.
public enum JobState: String, Sendable, Hashable, CaseIterable {
    /// Items remain to be sent, or batches to finish (driven or not: see `JobSummary.driver`).
    case running
    /// `jobs cancel` was asked: live batches are being cancelled, nothing more is sent.
    case cancelling
    /// Every item has its final result and every one succeeded.
    case completed
    /// Every item has its final result; some failed for good.
    case finishedWithFailures = "finished_with_failures"
    /// Cancelled: items not yet done stay without a result.
    case cancelled
    /// A create was refused (a wrong key, an unknown model, a bad request): nothing more is sent
    /// until `jobs resume` after a fix. `JobSummary.stopReason` says why.
    case stopped
    case unknown

    public init(stored: String) { self = JobState(rawValue: stored) ?? .unknown }

    /// No runner will send anything more for it without being asked (`resume`, `retry`).
    public var isFinal: Bool { [.completed, .finishedWithFailures, .cancelled].contains(self) }
}
