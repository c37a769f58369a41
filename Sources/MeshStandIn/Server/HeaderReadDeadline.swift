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
///
/// One timer per connection, not one per request: a busy keep-alive connection reads a head every
/// few milliseconds, and scheduling and cancelling a task for each was a visible share of a cached
/// list page's cost. The timer, when it fires, looks at the head under way and either closes the
/// connection or sets itself for that head's own deadline.
final class HeaderReadDeadline {
    private let limit: TimeAmount
    private var heads = 0
    private var responsesEnded = 0
    /// When the first byte of the head being read came; nil between requests.
    private var headStarted: NIODeadline?
    private var timer: Scheduled<Void>?

    init(limit: TimeAmount) {
        self.limit = limit
    }

    /// Between requests: every head read has been answered, so new bytes start the next head.
    private var awaitingHead: Bool { heads == responsesEnded }

    func bytesArrived(context: ChannelHandlerContext) {
        guard awaitingHead, headStarted == nil else { return }
        let started = NIODeadline.now()
        headStarted = started
        if timer == nil { schedule(at: started + limit, eventLoop: context.eventLoop, channel: context.channel) }
    }

    func headArrived() {
        heads += 1
        headStarted = nil
    }

    func responseEnded() {
        responsesEnded += 1
    }

    func connectionClosed() {
        timer?.cancel()
        timer = nil
        headStarted = nil
    }

    private func schedule(at deadline: NIODeadline, eventLoop: any EventLoop, channel: any Channel) {
        timer = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.timer = nil
            // No head under way: the next bytes start one, and a timer with it.
            guard let started = self.headStarted else { return }
            if NIODeadline.now() >= started + self.limit {
                channel.close(promise: nil)
            } else {
                self.schedule(at: started + self.limit, eventLoop: eventLoop, channel: channel)
            }
        }
    }
}
