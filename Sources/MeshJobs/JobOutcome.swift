import MeshAPI

/// How a run of `JobRunner` ended.
public enum JobOutcome: Sendable {
    /// Every item has its final result: `.completed`, `.finishedWithFailures` or `.cancelled`.
    case finished(JobState)
    /// A create (or the list) was refused for a reason waiting will not fix; the job is `stopped`.
    case stopped(reason: String)
    /// The stop request (Ctrl-C) was seen: nothing more was sent; batches sent keep running.
    case interrupted
    /// Another process drives the job.
    case driven(by: JobDriver?)
    /// The journal could not be written (a full disk): stopped cleanly, `resume` goes on.
    case journalFailed(String)
}
