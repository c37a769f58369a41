import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// Answers `GET /v1/batches` straight from `ListPageCache` on the connection's event loop, when the
/// page asked for is there, so a dashboard polling a quiet team costs a look-up and a write: no
/// hop to Swift's task pool, no router, no middleware. Everything else, and every page not in the
/// cache, goes on to Hummingbird unchanged.
///
/// The answer is the route's answer, byte for byte but for the request id and the date: the same
/// owner check (the server's one `OwnerKeyRing`), the same query reading (`ListQuery`), the same headers, the
/// same request id rule and log line (`RequestEnvelopeMiddleware`). A test holds the two side by side.
///
/// It sits after Hummingbird's `HTTPConnectionStateHandler`, so that handler still sees every
/// request and every answer (idle timeout, graceful shutdown). Answers leave in request order: while
/// a request is with the application, the ones behind it go there too.
final class CachedListPageResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart
    /// Where the route's request id rule and log line live.
    private typealias Envelope = RequestEnvelopeMiddleware<StandInRequestContext>

    private let pages: ListPageCache
    private let keyRing: OwnerKeyRing
    private let log: (@Sendable (String) -> Void)?
    /// Requests handed to the application whose answer has not ended yet.
    private var requestsWithTheApplication = 0
    /// The rest of a request answered here (its `.end`) is not passed on.
    private var droppingAnsweredRequest = false

    init(pages: ListPageCache, keyRing: OwnerKeyRing, log: (@Sendable (String) -> Void)?) {
        self.pages = pages
        self.keyRing = keyRing
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case .head(let head):
            if requestsWithTheApplication == 0, let page = cachedPage(for: head) {
                answer(head, with: page, context: context)
                droppingAnsweredRequest = true
                return
            }
            requestsWithTheApplication += 1
            context.fireChannelRead(data)
        case .body, .end:
            guard droppingAnsweredRequest else { return context.fireChannelRead(data) }
            if case .end = part { droppingAnsweredRequest = false }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { requestsWithTheApplication = max(0, requestsWithTheApplication - 1) }
        context.write(data, promise: promise)
    }

    /// The cached page this request asks for, or nil when the route must answer it: another
    /// method or path, a body, `Connection` handling, a key that is not known, a query the route
    /// would refuse, or a page not (or no longer) cached.
    private func cachedPage(for head: HTTPRequest) -> ByteBuffer? {
        guard head.method == .get, let target = head.path, target.hasPrefix("/v1/batches"),
              head.headerFields[.connection] == nil, head.headerFields[.transferEncoding] == nil,
              head.headerFields[.contentLength] ?? "0" == "0"
        else { return nil }
        let uri = URI(target)
        guard uri.path == "/v1/batches",
              let owner = keyRing.owner(authorization: head.headerFields[.authorization])
        else { return nil }
        let parameters = uri.queryParameters
        guard let query = try? ListQuery.parse(limit: parameters.get("limit"), after: parameters.get("after"))
        else { return nil }
        return pages.page(owner: owner, after: query.after, limit: query.limit)
    }

    private func answer(_ head: HTTPRequest, with page: ByteBuffer, context: ChannelHandlerContext) {
        let started = ContinuousClock.now
        let requestID = Envelope.requestID(
            callerValue: head.headerFields[Envelope.requestIDField])
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        fields[.contentLength] = String(page.readableBytes)
        fields[Envelope.requestIDField] = requestID
        // Counted before the answer leaves, so whoever reads it has counted this one.
        pages.countEventLoopAnswer()
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .ok, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(page)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        if let log {
            log(Envelope.logLine(
                method: "GET", path: "/v1/batches", status: 200,
                milliseconds: (ContinuousClock.now - started).inSeconds * 1000, requestID: requestID))
        }
    }
}
