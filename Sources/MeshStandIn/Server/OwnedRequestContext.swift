import Hummingbird

/// The context every batch route takes: built from the router's context only when
/// `OwnerAuthenticator` found an owner, so a handler holds `owner` and cannot forget to check it.
/// Without one its init throws the contract's 401, which `RequestEnvelopeMiddleware` shapes.
struct OwnedRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    /// Who the caller's key belongs to: every answer about a batch is scoped to it.
    let owner: String

    init(context: StandInRequestContext) throws {
        guard let owner = context.owner else { throw APIFailure.unauthorized }
        coreContext = context.coreContext
        self.owner = owner
    }
}
