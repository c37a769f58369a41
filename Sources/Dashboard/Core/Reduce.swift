import Foundation
import MeshAPI

/// Applies `action` to `state` and returns the work the runtime must do. Pure: no clock, no I/O.
///
/// How the runtime executes each `Effect` (on any queue for the work; results back on the main queue):
/// - `fetchListPage(after:limit:)`: `api.listBatches(after:limit:)`, then send `.listPageLoaded(page, at: Date())`
///   or `.listFailed(error, at: Date())`. `fetchBatch(id:)`: `api.getBatchSpooled(id:into:)` -> `.batchLoaded` /
///   `.batchFailed`. `cancelBatch(id:)`: `api.cancelBatch(id:)` -> `.cancelFinished` / `.cancelFailed`.
///   `fetchBalance` -> `.balanceLoaded` / `.balanceFailed`; `fetchModels` -> `.modelsLoaded` / `.modelsFailed`.
///   Every request asked for MUST be answered by exactly one action: the poller counts them, and the next
///   poll is scheduled only when all of a round's requests have answered (so polls never overlap).
///   List and batch answers echo the effect's `epoch`: answers of a round given up on are dropped here.
///   Errors that are not `MeshError` should be wrapped as `MeshError(kind: .network, message: ...)`.
/// - `schedulePoll(after:)`: (re-)arm ONE one-shot timer; when it fires send `.pollDue(at: Date())`.
///   Arming replaces any timer already armed. `cancelPoll`: disarm it. Never poll on your own.
/// - `loadItemBody(batchID:customID:span:)`: read the span from the spool the fetches wrote, decode it
///   as JSON -> `.itemBodyLoaded` / `.itemBodyFailed`.
/// - `exportItems(fileName:spans:)`: write each span's bytes as one line to `fileName` in the current
///   directory, then `.exportFinished(path:)` or `.exportFailed(fileName:reason:)`.
/// - `bell`: ring the terminal bell. `quit`: restore the terminal and exit 0.
/// - `switchProfile(name:)`: rebuild the client for that profile, then `.profileSwitched(...)` (or
///   `.profileSwitchFailed`). `setTheme(name:)`: load it, then `.themeApplied` / `.themeFailed`.
/// Also: send `.start(at:)` once after the first `.resize`, `.resize` on every size change, and `.tick(now:)`
/// about once a second (ages, countdowns and change highlights depend on it). Render after each action.
public func reduce(_ state: inout DashboardState, _ action: Action) -> [Effect] {
    switch action {
    case .start(let at):
        state.now = at
        return [.fetchBalance, .fetchModels] + state.startRound()
    case .key(let key):
        return state.handleKey(key)
    case .resize(let width, let height):
        state.width = max(0, width)
        state.height = max(0, height)
        state.keepSelectionVisible()
        state.keepItemSelectionVisible()
        return []
    case .tick(let now):
        state.now = now
        state.expireHighlights()
        return []
    case .pollDue(let at):
        state.now = at
        state.poll.nextPollAt = nil
        return state.startRound()
    case .listPageLoaded(let page, let at, let epoch):
        // An answer to a round given up on (`r` while overdue): its request is no longer counted.
        guard epoch == state.poll.epoch else { return [] }
        return state.receivePage(page, at: at)
    case .listFailed(let error, let at, let epoch):
        guard epoch == state.poll.epoch else { return [] }
        state.now = at
        state.poll.roundError = MeshErrorSummary(error)
        return state.requestAnswered()
    case .batchLoaded(let loaded, let at, let requestedID, let epoch):
        // From a round given up on: not counted, not kept; the spool space it took is given back.
        guard epoch == state.poll.epoch else { return DashboardState.release(loaded.items ?? []) }
        state.now = at
        state.poll.fetching.remove(requestedID ?? loaded.batch.id)
        state.poll.fetching.remove(loaded.batch.id)
        state.poll.goneStrikes[requestedID ?? loaded.batch.id] = nil
        var effects = state.merge([loaded.batch], at: at)
        // Partial results of a batch still cancelling are not kept: once kept, the final set would
        // never be fetched (a terminal batch with results is final).
        if let items = loaded.items, loaded.batch.isTerminal {
            effects += state.storeResults(items, usage: loaded.usage, batchID: loaded.batch.id)
        }
        return effects + state.requestAnswered()
    case .itemBodyLoaded(let batchID, let customID, let value):
        guard var body = state.itemBody, body.batchID == batchID, body.customID == customID else { return [] }
        body.lines = ItemBody.prettyLines(value)
        state.itemBody = body
        return []
    case .itemBodyFailed(let batchID, let customID, let reason):
        guard var body = state.itemBody, body.batchID == batchID, body.customID == customID else { return [] }
        body.failure = reason
        state.itemBody = body
        return []
    case .batchFailed(let id, let error, let at, let epoch):
        guard epoch == state.poll.epoch else { return [] }
        state.now = at
        state.poll.fetching.remove(id)
        if error.status == 404 {
            if let batch = state.batches[id], !batch.isTerminal {
                // Twice, not once: one 404 may be a hiccup of the server; a batch that is gone for good
                // would otherwise be fetched every round for ever and hold a quota slot it no longer has.
                let strikes = state.poll.goneStrikes[id, default: 0] + 1
                if strikes >= 2 {
                    let effects = state.drop(id)
                    state.message = StatusMessage("\(id) is gone (404 twice): removed from the list and the quota",
                                                  isError: true, at: at)
                    return effects + state.requestAnswered()
                }
                state.poll.goneStrikes[id] = strikes
            }
            state.message = StatusMessage("\(id) is gone (404): \(error.message)", isError: true, at: at)
        } else {
            state.poll.roundError = MeshErrorSummary(error)
        }
        return state.requestAnswered()
    case .cancelFinished(let batch, let at):
        state.now = at
        let effects = state.merge([batch], at: at)
        // A batch that ended meanwhile already has its "completed: ..." message; keep that one.
        if !(batch.status?.isTerminal ?? false) {
            state.message = StatusMessage("cancel sent: \(batch.id) is \(batch.status?.rawValue ?? "unknown")", at: at)
        }
        return effects
    case .cancelFailed(let id, let error, let at):
        state.now = at
        state.cancelRequested.remove(id)
        state.message = StatusMessage("cancel \(id) failed: \(error.description)", isError: true, at: at)
        return []
    case .balanceLoaded(let balance):
        state.balanceUSD = balance
        return []
    case .balanceFailed:
        // The balance endpoint is undocumented: its absence is not worth a word.
        state.balanceUSD = nil
        return []
    case .modelsLoaded(let models):
        state.models = Dictionary(models.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return []
    case .modelsFailed:
        return []
    case .exportFinished(let path):
        state.message = StatusMessage("exported items to \(path)", at: state.now)
        return []
    case .exportFailed(let fileName, let reason):
        state.message = StatusMessage("could not write \(fileName): \(reason)", isError: true, at: state.now)
        return []
    case .profileSwitched(let name, let endpointLabel, let at):
        var options = state.options
        options.endpointLabel = endpointLabel
        options.profileName = name
        options.pollInterval = state.poll.baseInterval
        // A new owner: nothing of the old one's batches may show, and no old request may count.
        let release = DashboardState.release(state.results.values.flatMap { $0 })
        state = DashboardState(options: options, now: at, width: state.width, height: state.height)
        state.message = StatusMessage("profile \(name)", at: at)
        return release + [.cancelPoll, .fetchBalance, .fetchModels] + state.startRound()
    case .profileSwitchFailed(let name, let reason):
        state.message = StatusMessage("profile \(name): \(reason)", isError: true, at: state.now)
        return []
    case .themeApplied(let name):
        state.options.themeName = name
        state.message = StatusMessage("theme \(name)", at: state.now)
        return []
    case .themeFailed(let name, let reason):
        state.message = StatusMessage("theme \(name): \(reason)", isError: true, at: state.now)
        return []
    }
}
