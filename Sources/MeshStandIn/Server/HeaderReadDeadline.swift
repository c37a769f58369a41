import NIOCore
import NIOHTTP1

/// Closes a connection whose request head is still incomplete `limit` after its first byte came
/// (a slowloris client sends a header line every few seconds and never finishes). Hummingbird's
/// idle timeout counts only parsed parts, so it ends such a connection only after the whole idle
/// time; this ends it sooner, and leaves bodies and keep-alive pauses alone.
///
/// Two handlers share it (`PipelineInstaller` adds both, on the connection's event loop):
/// `RawBytesWatcher` at the front of the pipeline sees bytes arrive, `RequestHeadWatcher` behind
/// the HTTP decoder sees heads complete and responses end.
final class HeaderReadDeadline {
    private let limit: TimeAmount
    private var heads = 0
    private var responsesEnded = 0
    private var timer: Scheduled<Void>?

    init(limit: TimeAmount) {
        self.limit = limit
    }

    /// Between requests: every head read has been answered, so new bytes start the next head.
    private var awaitingHead: Bool { heads == responsesEnded }

    func bytesArrived(context: ChannelHandlerContext) {
        guard awaitingHead, timer == nil else { return }
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: limit) { channel.close(promise: nil) }
    }

    func headArrived() {
        heads += 1
        timer?.cancel()
        timer = nil
    }

    func responseEnded() {
        responsesEnded += 1
    }

    func connectionClosed() {
        timer?.cancel()
        timer = nil
    }
}
