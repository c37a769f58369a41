import MeshAPI

/// What one poll round of the runner saw, for the progress line: the job's counts, plus what
/// only the runner knows (how full the owner's quota is, what it is waiting for).
public struct JobRoundReport: Sendable {
    public var summary: JobSummary
    /// The owner's live batches, teammates' included, as the last list walk counted them.
    public var ownerLive: Int
    /// Why nothing is being sent now, when something is waiting ("waiting for a slot", "network: ...").
    public var waitingFor: String?

    public init(summary: JobSummary, ownerLive: Int, waitingFor: String?) {
        self.summary = summary
        self.ownerLive = ownerLive
        self.waitingFor = waitingFor
    }
}
