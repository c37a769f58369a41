import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// One HTTP exchange, head and body, under one deadline.
///
/// AsyncHTTPClient's deadline ends when the response head arrives, and its read timeout is an idle
/// timeout: a server that trickles a byte every few seconds keeps an answer going for ever, and the
/// dashboard, whose polls never overlap, froze while it said "live". Here the request and the
/// reading of its body run in one child task (each chunk goes to `receive` as it comes, so a slow
/// consumer still slows the socket), and a second child throws `HTTPClientError.deadlineExceeded`
/// when the time is up. Whichever ends first decides; leaving the group cancels the other, which
/// for the request closes its connection.
///
/// A large answer that arrives steadily is not a trickle: with `earning` set, every `earning`
/// bytes received move the deadline on by a second, so a batch of 50,000 results at a healthy rate
/// never hits it, while a byte every 3 s earns nothing worth having. Time spent in `receive`
/// (splitting, writing to the spool) moves it on too: the deadline is the server's, and a busy
/// machine must not turn a steady download into a timeout.
///
///     try await TimedExchange.run(http, request, timeout: .seconds(10)) { event in
///         if case .chunk(let bytes) = event { body.writeImmutableBuffer(bytes) }
///         return true   // false: the rest of the body is not wanted
///     }
enum TimedExchange {
    enum Event: Sendable {
        case head(status: Int, headers: HTTPHeaders)
        case chunk(ByteBuffer)
    }

    /// Calls `receive` with the head, then each chunk, in order, never two at once. `receive`
    /// answers whether to go on reading. Throws what the request threw, what `receive` threw, or
    /// `HTTPClientError.deadlineExceeded` when the whole answer was not in within `timeout`.
    static func run(_ http: HTTPClient, _ request: HTTPClientRequest, timeout: Duration, earning: Int? = nil,
                    receive: (Event) throws -> Bool) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let tally = ByteTally()
        let headDeadline = NIODeadline.now() + .nanoseconds(nanoseconds(timeout))
        try await withoutActuallyEscaping(receive) { receive in
            // The reading task calls `receive` while this task waits for the group, and the group
            // is over before `run` returns: the closure is never used by two tasks at once, nor late.
            let receiver = Receiver(call: receive)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    let response = try await http.execute(request, deadline: headDeadline)
                    guard try receiver.call(.head(status: Int(response.status.code), headers: response.headers)) else { return }
                    for try await chunk in response.body {
                        let taken = clock.now
                        let goOn = try receiver.call(.chunk(chunk))
                        tally.add(chunk.readableBytes, busy: clock.now - taken)
                        if !goOn { return }
                    }
                }
                group.addTask {
                    while true {
                        var deadline = start + timeout + tally.busy
                        if let earning { deadline += .seconds(Double(tally.bytes) / Double(earning)) }
                        guard clock.now < deadline else { break }
                        try await Task.sleep(until: deadline, clock: clock)
                    }
                    throw HTTPClientError.deadlineExceeded
                }
                defer { group.cancelAll() }
                // The first to end decides: the answer read whole (or the reading failed), or the deadline.
                try await group.next()
            }
        }
    }

    /// `receive`, to be called from the reading task (see `run` for why that is safe).
    private struct Receiver: @unchecked Sendable {
        let call: (Event) throws -> Bool
    }

    /// Bytes received so far and the time `receive` spent on them, read by the deadline's task.
    private final class ByteTally: Sendable {
        private let state = Mutex<(bytes: Int, busy: Duration)>((0, .zero))
        var bytes: Int { state.withLock { $0.bytes } }
        var busy: Duration { state.withLock { $0.busy } }
        func add(_ bytes: Int, busy: Duration) {
            state.withLock {
                $0.bytes += bytes
                $0.busy += busy
            }
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
