import Hummingbird

/// Resolves the caller's owner from its `Authorization` header, once per request, into the
/// context (`StandInRequestContext.owner`). It refuses nothing itself: the routes' group turns the
/// context into an `OwnedRequestContext`, and that is what refuses a request without an owner.
struct OwnerAuthenticator: RouterMiddleware {
    typealias Context = StandInRequestContext

    let keyRing: OwnerKeyRing

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.owner = keyRing.owner(authorization: request.headers[.authorization])
        return try await next(request, context)
    }
}
