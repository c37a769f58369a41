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
///
/// A new connection also has `firstByteLimit` to send its first byte: a connection that sends
/// nothing used to hold its slot for the whole idle timeout, and 1,100 of them locked every client
/// out for 57 s.
final class HeaderReadDeadline {
    private let limit: TimeAmount
    private let firstByteLimit: TimeAmount
    private var heads = 0
    private var responsesEnded = 0
    /// When the head under way (or, before any byte, the first byte) must be complete; nil
    /// between requests.
    private var due: NIODeadline?
    private var sawFirstByte = false
    private var timer: Scheduled<Void>?

    init(limit: TimeAmount, firstByteLimit: TimeAmount) {
        self.limit = limit
        self.firstByteLimit = firstByteLimit
    }

    /// Between requests: every head read has been answered, so new bytes start the next head.
    private var awaitingHead: Bool { heads == responsesEnded }

    func connectionOpened(context: ChannelHandlerContext) {
        guard !sawFirstByte, due == nil else { return }
        let deadline = NIODeadline.now() + firstByteLimit
        due = deadline
        if timer == nil { schedule(at: deadline, eventLoop: context.eventLoop, channel: context.channel) }
    }

    func bytesArrived(context: ChannelHandlerContext) {
        if !sawFirstByte {
            sawFirstByte = true
            due = nil
        }
        guard awaitingHead, due == nil else { return }
        let deadline = NIODeadline.now() + limit
        due = deadline
        if timer == nil { schedule(at: deadline, eventLoop: context.eventLoop, channel: context.channel) }
    }

    func headArrived() {
        heads += 1
        due = nil
    }

    func responseEnded() {
        responsesEnded += 1
    }

    func connectionClosed() {
        timer?.cancel()
        timer = nil
        due = nil
    }

    private func schedule(at deadline: NIODeadline, eventLoop: any EventLoop, channel: any Channel) {
        timer = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.timer = nil
            // No head under way: the next bytes start one, and a timer with it.
            guard let due = self.due else { return }
            if NIODeadline.now() >= due {
                channel.close(promise: nil)
            } else {
                self.schedule(at: due, eventLoop: eventLoop, channel: channel)
            }
        }
    }
}
