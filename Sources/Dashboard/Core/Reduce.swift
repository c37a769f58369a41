import Foundation
import MeshAPI

/// Applies `action` to `state` and returns the work the runtime must do. Pure: no clock, no I/O.
///
/// How the runtime executes each `Effect` (on any queue for the work; answers back on the main queue
/// as actions, each in a turn of its own: never by calling `reduce` from inside an effect, the
/// theme's and the profile switch's answers included):
/// - `.api(request, epoch)`: the call `APIRequest` names; its answer action echoes `epoch`. Every
///   request asked for MUST be answered by exactly one action: the poller counts them, and the next
///   poll is scheduled only when all of a round's requests have answered (so polls never overlap).
///   Errors that are not `MeshError` should be wrapped as `MeshError(kind: .network, message: ...)`.
/// - `.timer(.schedulePoll(after:))`: (re-)arm ONE one-shot timer; when it fires send `.pollDue(at:)`.
///   `.timer(.cancelPoll)`: disarm it. Never poll on your own.
/// - `.spool(...)`: read an item body or write an export from the spool the fetches wrote, and answer;
///   `.release(spans:)`: give the space back (`reduce` asks only when no read of its is under way).
/// - `.terminal(...)`: bell, theme, profile switch (answered with `.profileSwitched`), the clipboard
///   (OSC 52), saving the remembered settings (neither answered), quit.
/// Also: send `.start(at:)` once after the first `.resize`, `.resize` on every size change, and
/// `.tick(now:)` about once a second. Render after each action.
public func reduce(_ state: inout DashboardState, _ action: Action) -> [Effect] {
    let remembered = state.settings
    let effects = state.apply(action)
    // Theme, sort, filter, pace and the detail pane are remembered between runs: saved when one
    // changes, whichever key or answer changed it (never by a screen grab).
    guard state.settings != remembered, !state.options.screenGrab else { return effects }
    return effects + [.terminal(.saveSettings(state.settings))]
}

extension DashboardState {
    mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .start(let at):
            now = at
            // The list's first page first: it is what the first frame with data waits for.
            return startRound() + [.api(.balance, poll.epoch), .api(.models, poll.epoch)]
        case .key(let key):
            return handleKey(key)
        case .resize(let width, let height):
            self.width = max(0, width)
            self.height = max(0, height)
            return []
        case .tick(let at):
            now = at
            expireHighlights()
            expireMessage()
            return askTeam() + readJobs()
        case .pollDue(let at):
            now = at
            poll.backoff.nextPollAt = nil
            return startRound()
        case .listPageLoaded(let page, let at, let serverDate, let epoch):
            // An answer to a round given up on (`r` while overdue) or to another profile: its
            // request is no longer counted.
            guard epoch == poll.epoch else { return [] }
            if let serverDate { serverClock.record(serverDate: serverDate, at: at) }
            return receivePage(page, at: at)
        case .listFailed(let error, let at, let epoch):
            guard epoch == poll.epoch else { return [] }
            now = at
            roundFailed(MeshErrorSummary(error, onListRoute: true))
            // The pages read before this one were not ordered yet (`receivePage` orders at the walk's end).
            refreshOrderIfNeeded()
            return requestAnswered()
        case .batchLoaded(let loaded, let at, let requestedID, let serverDate, let epoch):
            // From a round given up on: not counted, not kept; the spool space it took is given back.
            guard epoch == poll.epoch else { return results.release(loaded.items ?? []) }
            now = at
            if let serverDate { serverClock.record(serverDate: serverDate, at: at) }
            poll.fetches.underWay.remove(requestedID)
            poll.fetches.underWay.remove(loaded.batch.id)
            poll.fetches.goneStrikes[requestedID] = nil
            results.unavailable[requestedID] = nil
            var effects = merge([loaded.batch], at: at)
            // Partial results of a batch still cancelling are not kept: once kept, the final set would
            // never be fetched (a terminal batch with results is final).
            if let items = loaded.items {
                effects += loaded.batch.isTerminal ? storeResults(items, usage: loaded.usage, batchID: loaded.batch.id)
                    : results.release(items)
            }
            return effects + requestAnswered()
        case .batchFailed(let id, let error, let at, let epoch):
            guard epoch == poll.epoch else { return [] }
            now = at
            poll.fetches.underWay.remove(id)
            return batchFailed(id: id, error, at: at)
        case .cancelFinished(let batch, let at, let epoch):
            guard epoch.session == poll.epoch.session else { return [] }
            now = at
            let effects = merge([batch], at: at)
            // A batch that ended meanwhile already has its "completed: ..." message; keep that one.
            if !(batch.status?.isTerminal ?? false) {
                message = StatusMessage("cancel sent: \(batch.id) is \(batch.status?.rawValue ?? "unknown")", at: at)
            }
            return effects
        case .cancelFailed(let id, let error, let at, let epoch):
            guard epoch.session == poll.epoch.session else { return [] }
            now = at
            mirror.cancelRequested.remove(id)
            message = StatusMessage("cancel \(id) failed: \(error.description)", isError: true, at: at)
            // Refused by the server (an answer), or lost on the way: either way it did not happen.
            events.append(LoggedEvent(.refused, at: serverClock.serverTime(at: at), batchID: id,
                                      project: mirror.batches[id]?.metadata?["project"]?.stringValue,
                                      text: (error.status == nil ? "cancel not sent: " : "cancel refused: ") + error.description))
            return []
        case .balanceLoaded(let balance, let epoch):
            guard epoch.session == poll.epoch.session else { return [] }
            balanceUSD = balance
            return []
        case .balanceFailed(_, let epoch):
            // The balance endpoint is undocumented: its absence is not worth a word.
            guard epoch.session == poll.epoch.session else { return [] }
            balanceUSD = nil
            return []
        case .modelsLoaded(let list, let epoch):
            guard epoch.session == poll.epoch.session else { return [] }
            models = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return []
        case .modelsFailed:
            return []
        case .teamPageLoaded(let profile, let page, let at, let epoch):
            guard epoch.session == poll.epoch.session else { return [] }
            now = at
            teamAnswered(profile: profile, at: at) { $0.read(page, at: at) }
            return []
        case .teamPageFailed(let profile, let error, let at, let epoch):
            guard epoch.session == poll.epoch.session else { return [] }
            now = at
            // The reason in words without the request id, which the row keeps apart.
            var reason = error
            reason.requestID = nil
            let summary = MeshErrorSummary(reason, onListRoute: true)
            teamAnswered(profile: profile, at: at) {
                $0.reading = .failed(words: summary.words, kind: summary.kind, requestID: error.requestID, at: at)
            }
            return []
        case .jobsLoaded(let summaries, let chunks, let id, let exists, let at):
            now = at
            jobNames = Dictionary(summaries.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            updateJobs { $0.loaded(summaries, chunks: chunks, of: id, journalExists: exists, at: at) }
            return []
        case .jobsFailed(let reason, let at):
            now = at
            updateJobs { $0.failed(reason, at: at) }
            return []
        case .itemBodyLoaded(let batchID, let customID, let value):
            let released = results.endRead()
            guard itemsScreen?.batchID == batchID, itemBodyScreen?.customID == customID else { return released }
            updateBody { $0.content = ItemBodyContent(value) }
            return released
        case .itemBodyFailed(let batchID, let customID, let reason):
            let released = results.endRead()
            guard itemsScreen?.batchID == batchID, itemBodyScreen?.customID == customID else { return released }
            updateBody { $0.failure = reason }
            return released
        case .exportFinished(let path):
            message = StatusMessage("exported items to \(path)", at: now)
            return results.endRead()
        case .exportFailed(let fileName, let reason):
            message = StatusMessage("could not write \(fileName): \(reason)", isError: true, at: now)
            return results.endRead()
        case .profileSwitched(let name, let endpointLabel, let at):
            return switchedProfile(name: name, endpointLabel: endpointLabel, at: at)
        case .profileSwitchFailed(let name, let reason):
            message = StatusMessage("profile \(name): \(reason)", isError: true, at: now)
            return []
        case .themeApplied(let name):
            options.themeName = name
            message = StatusMessage("theme \(name)", at: now)
            return []
        case .themeFailed(let name, let reason):
            message = StatusMessage("theme \(name): \(reason)", isError: true, at: now)
            return []
        }
    }

    mutating func batchFailed(id: String, _ error: MeshError, at: Date) -> [Effect] {
        if error.status == 404 {
            if let batch = mirror.batches[id], !batch.isTerminal {
                // Twice, not once: one 404 may be a hiccup of the server; a batch that is gone for good
                // would otherwise be fetched every round for ever and hold a quota slot it no longer has.
                let strikes = poll.fetches.goneStrikes[id, default: 0] + 1
                if strikes >= 2 {
                    let effects = drop(id)
                    message = StatusMessage("\(id) is gone (404 twice): removed from the list and the quota",
                                            isError: true, at: at)
                    return effects + requestAnswered()
                }
                poll.fetches.goneStrikes[id] = strikes
            } else if let batch = mirror.batches[id], batch.isTerminal, results.items[id] == nil {
                // An ended batch the server will not give: its results cannot come; say so where they would show.
                results.unavailable[id] = "the server answered 404 (\(error.message))"
            }
            message = StatusMessage("\(id) is gone (404): \(error.message)", isError: true, at: at)
        } else {
            roundFailed(MeshErrorSummary(error))
        }
        return requestAnswered()
    }

    /// A new owner: nothing of the old one's batches may show, and no old request may count. The
    /// session epoch moves on, so answers still on their way for the old owner are dropped here.
    mutating func switchedProfile(name: String, endpointLabel: String, at: Date) -> [Effect] {
        var options = self.options
        options.endpointLabel = endpointLabel
        options.profileName = name
        let release = results.release(results.items.values.flatMap { $0 })
        let pending = results.pendingRelease
        let readers = results.readers
        var epoch = poll.epoch
        epoch.session += 1
        epoch.round = 0
        var fresh = DashboardState(options: options, pollInterval: poll.baseInterval, now: at, width: width, height: height)
        fresh.poll.epoch = epoch
        // The view is the person's, not the profile's: sort, filter and the detail pane stay as they
        // are (and so are not saved again as defaults).
        fresh.remember(settings)
        // Reads of the old spool space still under way keep holding it back.
        fresh.results.readers = readers
        fresh.results.pendingRelease = pending
        fresh.message = StatusMessage("profile \(name)", at: at)
        self = fresh
        return release + [.timer(.cancelPoll)] + startRound() + [.api(.balance, poll.epoch), .api(.models, poll.epoch)]
    }
}
