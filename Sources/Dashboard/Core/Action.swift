import Foundation
import MeshAPI

/// Everything that can happen to the dashboard: input from the person, answers from the API,
/// and the passing of time. The runtime turns each into `reduce(&state, action)`.
public enum Action: Sendable {
    /// Sent once when the run loop starts: begins polling and asks for balance and models.
    case start(at: Date)
    case key(Key)
    case resize(width: Int, height: Int)
    /// Sent by the runtime about once a second: ages, countdowns and change highlights follow it.
    case tick(now: Date)
    /// The one-shot poll timer (armed by `Effect.schedulePoll`) fired.
    case pollDue(at: Date)
    /// The answer to `Effect.fetchListPage`, with the request's epoch (see `PollState.epoch`).
    case listPageLoaded(BatchListPage, at: Date, epoch: Int = 0)
    case listFailed(MeshError, at: Date, epoch: Int = 0)
    /// The answer to `Effect.fetchBatch(id: requestedID)`: the batch, and its item results when it has them.
    /// (The requested id is what the poller tracks, should the server answer with another spelling.)
    case batchLoaded(SpooledBatch, at: Date, requestedID: String? = nil, epoch: Int = 0)
    case batchFailed(id: String, MeshError, at: Date, epoch: Int = 0)
    /// The answer to `Effect.cancelBatch`.
    case cancelFinished(Batch, at: Date)
    case cancelFailed(id: String, MeshError, at: Date)
    /// The answer to `Effect.fetchBalance` (nil: the server has no balance endpoint).
    case balanceLoaded(Double?)
    case balanceFailed(MeshError)
    case modelsLoaded([ModelInfo])
    case modelsFailed(MeshError)
    /// The answer to `Effect.loadItemBody`: the whole result object.
    case itemBodyLoaded(batchID: String, customID: String, JSONValue)
    case itemBodyFailed(batchID: String, customID: String, reason: String)
    /// The answer to `Effect.exportItems`: the path written.
    case exportFinished(path: String)
    case exportFailed(fileName: String, reason: String)
    /// The runtime switched to another profile after `Effect.switchProfile`; data is reset.
    case profileSwitched(name: String, endpointLabel: String, at: Date)
    case profileSwitchFailed(name: String, reason: String)
    /// The runtime applied (or could not apply) the theme asked for by `Effect.setTheme`.
    case themeApplied(name: String)
    case themeFailed(name: String, reason: String)
}
