import NIOCore
import NIOHTTP1

/// Answers `Expect: 100-continue` with an interim `100 Continue`. Hummingbird leaves it
/// unanswered, and curl then holds back any body over 1 MiB for a second before sending it anyway.
///
/// It sits in front of Hummingbird's HTTP/1 → HTTPTypes codec (`PipelineInstaller` puts it
/// there), where the request's HTTP version is still known, and it answers only:
/// - HTTP/1.1 requests (RFC 9110: an HTTP/1.0 client gets no 1xx);
/// - requests whose body the server will read (`willRead`: a known key, a size within the limit);
///   the others get their final answer (401, 413) without the client sending the body first;
/// - in turn: with pipelining, a request's 100 waits until every earlier response has ended, or
///   the client would take it for the answer to an earlier request.
final class ExpectContinueHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let willRead: @Sendable (HTTPRequestHead) -> Bool
    /// One entry per request read and not yet answered, oldest first: whether it still waits for
    /// its 100 Continue.
    private var unanswered: [Bool] = []

    init(willRead: @escaping @Sendable (HTTPRequestHead) -> Bool) {
        self.willRead = willRead
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data) {
            let expects = head.headers[canonicalForm: "expect"].contains { $0.lowercased() == "100-continue" }
            let atLeast11 = head.version.major > 1 || (head.version.major == 1 && head.version.minor >= 1)
            unanswered.append(expects && atLeast11 && willRead(head))
            sendContinueIfItsTurn(context: context)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let ended: Bool
        if case .end = unwrapOutboundIn(data) { ended = true } else { ended = false }
        context.write(data, promise: promise)
        if ended, !unanswered.isEmpty {
            unanswered.removeFirst()
            sendContinueIfItsTurn(context: context)
        }
    }

    /// The oldest unanswered request is the one the client is waiting on.
    private func sendContinueIfItsTurn(context: ChannelHandlerContext) {
        guard unanswered.first == true else { return }
        unanswered[0] = false
        context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .continue))), promise: nil)
    }
}
