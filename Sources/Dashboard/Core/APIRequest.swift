/// A call to the Mesh API, as `Effect.api` asks for it. Each is answered by exactly one action
/// that echoes the request's `Epoch`.
public enum APIRequest: Hashable, Sendable {
    /// `listBatches(after:limit:)` -> `.listPageLoaded` / `.listFailed`.
    case listPage(after: String?, limit: Int)
    /// `getBatchSpooled(id:into:)` -> `.batchLoaded` / `.batchFailed`.
    case batch(id: String)
    /// `cancelBatch(id:)` -> `.cancelFinished` / `.cancelFailed`.
    case cancel(id: String)
    /// `balanceUSD()` -> `.balanceLoaded` / `.balanceFailed`.
    case balance
    /// `listModels()` -> `.modelsLoaded` / `.modelsFailed`.
    case models
    /// The first list page (100) of another config.toml profile, with that profile's client, for the
    /// team overview -> `.teamPageLoaded` / `.teamPageFailed`.
    case teamPage(profile: String)
}
