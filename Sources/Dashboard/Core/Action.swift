import Foundation
import MeshAPI

/// Everything that can happen to the dashboard: input from the person, answers from the API,
/// and the passing of time. The runtime turns each into `reduce(&state, action)`.
/// Every API answer echoes the `Epoch` of its request.
public enum Action: Sendable {
    /// Sent once when the run loop starts: begins polling and asks for balance and models.
    case start(at: Date)
    case key(Key)
    case resize(width: Int, height: Int)
    /// Sent by the runtime about once a second: ages, countdowns and change highlights follow it.
    case tick(now: Date)
    /// The one-shot poll timer fired.
    case pollDue(at: Date)
    /// `serverDate` is the answer's `Date` header, when it had one: ages are measured on the server's clock.
    case listPageLoaded(BatchListPage, at: Date, serverDate: Date? = nil, epoch: Epoch)
    case listFailed(MeshError, at: Date, epoch: Epoch)
    /// The batch of `requestedID`, and its item results when it has them. (The requested id is what
    /// the poller tracks, should the server answer with another spelling.)
    case batchLoaded(SpooledBatch, at: Date, requestedID: String, serverDate: Date? = nil, epoch: Epoch)
    case batchFailed(id: String, MeshError, at: Date, epoch: Epoch)
    case cancelFinished(Batch, at: Date, epoch: Epoch)
    case cancelFailed(id: String, MeshError, at: Date, epoch: Epoch)
    /// nil: the server has no balance endpoint.
    case balanceLoaded(Double?, epoch: Epoch)
    case balanceFailed(MeshError, epoch: Epoch)
    case modelsLoaded([ModelInfo], epoch: Epoch)
    case modelsFailed(MeshError, epoch: Epoch)
    case teamPageLoaded(profile: String, BatchListPage, at: Date, epoch: Epoch)
    case teamPageFailed(profile: String, MeshError, at: Date, epoch: Epoch)
    /// The answer to `Effect.journal`: every job, and the chunks of the one asked for (nil when none
    /// was asked for). `journalExists` false: there is no journal yet (no job was ever started).
    case jobsLoaded([JobSummary], chunks: [JobChunk]?, of: String?, journalExists: Bool, at: Date)
    case jobsFailed(reason: String, at: Date)
    /// The answer to `SpoolEffect.loadItemBody`: the whole result object.
    case itemBodyLoaded(batchID: String, customID: String, JSONValue)
    case itemBodyFailed(batchID: String, customID: String, reason: String)
    /// The answer to `SpoolEffect.export`: the path written.
    case exportFinished(path: String)
    case exportFailed(fileName: String, reason: String)
    /// The runtime switched to another profile after `TerminalEffect.switchProfile`; data is reset.
    case profileSwitched(name: String, endpointLabel: String, at: Date)
    case profileSwitchFailed(name: String, reason: String)
    /// The runtime applied (or could not apply) the theme asked for by `TerminalEffect.setTheme`.
    case themeApplied(name: String)
    case themeFailed(name: String, reason: String)
}
