import HummingbirdCore
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Hummingbird's `additionalChannelHandlers` come after its HTTP/1 → HTTPTypes codec, where the
/// HTTP version is gone and raw bytes are never seen, and before its `HTTPConnectionStateHandler`.
/// This one puts an `ExpectContinueHandler`, a `ServerDateHandler` and a `RequestHeadWatcher` in
/// front of that codec and a `RawBytesWatcher` at the very front when the connection's pipeline is
/// built. At the first request, when the pipeline is complete, it puts the
/// `CachedListPageResponder` after the state handler, and takes itself out.
final class PipelineInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let willRead: @Sendable (HTTPRequestHead) -> Bool
    private let headerReadTimeout: TimeAmount
    private let clock: any StandInClock
    private let makeListPageResponder: () -> CachedListPageResponder

    init(willRead: @escaping @Sendable (HTTPRequestHead) -> Bool, headerReadTimeout: TimeAmount, clock: any StandInClock,
         makeListPageResponder: @escaping () -> CachedListPageResponder)
    {
        self.willRead = willRead
        self.headerReadTimeout = headerReadTimeout
        self.clock = clock
        self.makeListPageResponder = makeListPageResponder
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        if let codec = try? pipeline.context(handlerType: HTTP1ToHTTPServerCodec.self) {
            let deadline = HeaderReadDeadline(limit: headerReadTimeout)
            try? pipeline.addHandler(RawBytesWatcher(deadline: deadline), position: .first)
            try? pipeline.addHandler(RequestHeadWatcher(deadline: deadline), position: .before(codec.handler))
            try? pipeline.addHandler(ServerDateHandler(clock: clock), position: .before(codec.handler))
            try? pipeline.addHandler(ExpectContinueHandler(willRead: willRead), position: .before(codec.handler))
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let pipeline = context.pipeline.syncOperations
        // Without the state handler (another Hummingbird layout) every list goes to the route.
        if let state = try? pipeline.context(handlerType: HTTPConnectionStateHandler.self) {
            try? pipeline.addHandler(makeListPageResponder(), position: .after(state.handler))
        }
        context.fireChannelRead(data)
        pipeline.removeHandler(context: context, promise: nil)
    }
}
