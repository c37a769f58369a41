import MeshAPI

/// Work the runtime performs for the dashboard. `reduce` returns these; their results come back
/// as `Action`s on the main queue. See `reduce` for how each must be executed.
public enum Effect: Hashable, Sendable {
    /// `listBatches(after:limit: 100)` -> `.listPageLoaded` / `.listFailed`, echoing `epoch`.
    case fetchListPage(after: String?, limit: Int = DashboardState.fullPageSize, epoch: Int = 0)
    /// `getBatchSpooled(id:into:)` -> `.batchLoaded` / `.batchFailed`, echoing `epoch`.
    case fetchBatch(id: String, epoch: Int = 0)
    /// `cancelBatch(id:)` -> `.cancelFinished` / `.cancelFailed`.
    case cancelBatch(id: String)
    /// `balanceUSD()` -> `.balanceLoaded` / `.balanceFailed`.
    case fetchBalance
    /// `listModels()` -> `.modelsLoaded` / `.modelsFailed`.
    case fetchModels
    /// (Re-)arm the one-shot poll timer: after `seconds`, send `.pollDue(at:)`. Replaces any armed timer.
    case schedulePoll(after: Double)
    /// Disarm the poll timer (pause, or a refresh that polls now).
    case cancelPoll
    /// Read the result object at `span` from the spool -> `.itemBodyLoaded` / `.itemBodyFailed`.
    case loadItemBody(batchID: String, customID: String, span: ByteSpan)
    /// Write the result objects at `spans`, one a line, to `fileName` in the current directory
    /// -> `.exportFinished(path:)` / `.exportFailed`.
    case exportItems(fileName: String, spans: [ByteSpan])
    /// Give back the spool space at `spans`: those results' summaries were dropped (no answer).
    /// Wait until no item body or export that is under way could still be reading them.
    case releaseResults(spans: [ByteSpan])
    /// Ring the terminal bell.
    case bell
    /// Rebuild the client for this config.toml profile -> `.profileSwitched` / `.profileSwitchFailed`.
    case switchProfile(name: String)
    /// Load and apply this theme -> `.themeApplied` / `.themeFailed`.
    case setTheme(name: String)
    /// Restore the terminal and exit 0.
    case quit
}
