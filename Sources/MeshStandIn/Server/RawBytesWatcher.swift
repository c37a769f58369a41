import NIOCore

/// The front of the pipeline: tells the `HeaderReadDeadline` that bytes came, and passes them on.
final class RawBytesWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let deadline: HeaderReadDeadline

    init(deadline: HeaderReadDeadline) {
        self.deadline = deadline
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deadline.bytesArrived(context: context)
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline.connectionClosed()
        context.fireChannelInactive()
    }
}
