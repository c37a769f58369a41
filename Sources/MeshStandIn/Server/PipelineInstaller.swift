import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Hummingbird's `additionalChannelHandlers` come after its HTTP/1 → HTTPTypes codec, where the
/// HTTP version is gone and raw bytes are never seen. This one puts an `ExpectContinueHandler`, a
/// `ServerDateHandler` and a `RequestHeadWatcher` in front of that codec and a `RawBytesWatcher` at the very front when
/// the connection's pipeline is built, and takes itself out.
final class PipelineInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let willRead: @Sendable (HTTPRequestHead) -> Bool
    private let headerReadTimeout: TimeAmount
    private let clock: any StandInClock

    init(willRead: @escaping @Sendable (HTTPRequestHead) -> Bool, headerReadTimeout: TimeAmount, clock: any StandInClock) {
        self.willRead = willRead
        self.headerReadTimeout = headerReadTimeout
        self.clock = clock
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
        pipeline.removeHandler(context: context, promise: nil)
    }
}
