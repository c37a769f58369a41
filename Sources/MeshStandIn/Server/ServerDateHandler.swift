import MeshAPI
import NIOCore
import NIOHTTP1
import Synchronization

/// Puts the stand-in's own clock in every answer's `Date` header (Hummingbird writes the real wall
/// clock), so a client measuring ages against the server reads them true at `--speed N` too.
/// It sits behind the HTTP decoder, where response heads are still NIOHTTP1 heads.
final class ServerDateHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let clock: any StandInClock

    init(clock: any StandInClock) {
        self.clock = clock
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data), head.status != .continue else {
            return context.write(data, promise: promise)
        }
        head.headers.replaceOrAdd(name: "date", value: Self.text(for: Int(clock.now().rounded(.down))))
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }

    /// The last second formatted: at `--speed 1` a busy server formats once a second.
    private static let lastFormatted = Mutex<(second: Int, text: String)>((Int.min, ""))

    static func text(for second: Int) -> String {
        if let cached = lastFormatted.withLock({ $0.second == second ? $0.text : nil }) { return cached }
        let text = UTCDate.httpDate(unixSeconds: second)
        lastFormatted.withLock { $0 = (second, text) }
        return text
    }
}
