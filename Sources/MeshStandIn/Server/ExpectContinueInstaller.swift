import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Hummingbird's `additionalChannelHandlers` come after its HTTP/1 → HTTPTypes codec, where the
/// HTTP version is gone. This one puts an `ExpectContinueHandler` in front of that codec when the
/// connection's pipeline is built, and takes itself out.
final class ExpectContinueInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let willRead: @Sendable (HTTPRequestHead) -> Bool

    init(willRead: @escaping @Sendable (HTTPRequestHead) -> Bool) {
        self.willRead = willRead
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        if let codec = try? pipeline.context(handlerType: HTTP1ToHTTPServerCodec.self) {
            try? pipeline.addHandler(ExpectContinueHandler(willRead: willRead), position: .before(codec.handler))
        }
        pipeline.removeHandler(context: context, promise: nil)
    }
}
