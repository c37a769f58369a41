import Hummingbird

/// The router's context: Hummingbird's core context and the owner `OwnerAuthenticator` found for
/// the request's key (nil until it ran, or when the key is missing or unknown). Routes never see
/// it: they take an `OwnedRequestContext`, which exists only when the owner is known.
struct StandInRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var owner: String?

    init(source: Source) {
        coreContext = .init(source: source)
        owner = nil
    }
}
