import NIOCore

/// The front of the pipeline: tells the `HeaderReadDeadline` that the connection opened and that
/// bytes came (and `ConnectionLimit`, through `firstBytes`, that it is working), and passes them on.
final class RawBytesWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let deadline: HeaderReadDeadline
    /// Called at the connection's first bytes (it counts as working from then on).
    private var firstBytes: (() -> Void)?

    init(deadline: HeaderReadDeadline, firstBytes: @escaping () -> Void) {
        self.deadline = deadline
        self.firstBytes = firstBytes
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { deadline.connectionOpened(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        deadline.connectionOpened(context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if let firstBytes {
            self.firstBytes = nil
            firstBytes()
        }
        deadline.bytesArrived(context: context)
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline.connectionClosed()
        context.fireChannelInactive()
    }
}
