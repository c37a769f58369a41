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
///
/// It is built once per accepted connection, so it is also where the connection is counted
/// against `ConnectionLimit`: over the limit the connection is closed as soon as it is active,
/// with nothing installed and nothing answered.
final class PipelineInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let willRead: @Sendable (HTTPRequestHead) -> Bool
    private let headerReadTimeout: TimeAmount
    private let firstByteTimeout: TimeAmount
    private let clock: any StandInClock
    private let makeListPageResponder: () -> CachedListPageResponder
    private let connections: ConnectionLimit
    /// Set in `handlerAdded` when the limit refused this connection.
    private var refused = false

    init(willRead: @escaping @Sendable (HTTPRequestHead) -> Bool, headerReadTimeout: TimeAmount,
         firstByteTimeout: TimeAmount, clock: any StandInClock,
         connections: ConnectionLimit, makeListPageResponder: @escaping () -> CachedListPageResponder)
    {
        self.connections = connections
        self.willRead = willRead
        self.headerReadTimeout = headerReadTimeout
        self.firstByteTimeout = firstByteTimeout
        self.clock = clock
        self.makeListPageResponder = makeListPageResponder
    }

    func handlerAdded(context: ChannelHandlerContext) {
        guard connections.admit(context.channel) else {
            refused = true
            // Usually the channel is not active yet (the pipeline is built before registration);
            // then `channelActive` closes it.
            if context.channel.isActive { context.close(promise: nil) }
            return
        }
        let connections = self.connections
        let channel = context.channel
        channel.closeFuture.whenComplete { _ in connections.release(channel) }
        let pipeline = context.pipeline.syncOperations
        if let codec = try? pipeline.context(handlerType: HTTP1ToHTTPServerCodec.self) {
            let deadline = HeaderReadDeadline(limit: headerReadTimeout, firstByteLimit: firstByteTimeout)
            try? pipeline.addHandler(
                RawBytesWatcher(deadline: deadline, firstBytes: { connections.working(channel) }), position: .first)
            try? pipeline.addHandler(RequestHeadWatcher(deadline: deadline), position: .before(codec.handler))
            try? pipeline.addHandler(ServerDateHandler(clock: clock), position: .before(codec.handler))
            try? pipeline.addHandler(ExpectContinueHandler(willRead: willRead), position: .before(codec.handler))
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        if refused {
            context.close(promise: nil)
            return
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // A refused connection's bytes (sent before the close took effect) are dropped unread.
        if refused { return }
        let pipeline = context.pipeline.syncOperations
        // Without the state handler (another Hummingbird layout) every list goes to the route.
        if let state = try? pipeline.context(handlerType: HTTPConnectionStateHandler.self) {
            try? pipeline.addHandler(makeListPageResponder(), position: .after(state.handler))
        }
        context.fireChannelRead(data)
        pipeline.removeHandler(context: context, promise: nil)
    }
}
