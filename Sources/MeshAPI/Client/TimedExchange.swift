import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// One HTTP exchange, head and body, under one deadline.
///
/// AsyncHTTPClient's deadline ends when the response head arrives, and its read timeout is an idle
/// timeout: a server that trickles a byte every few seconds keeps an answer going for ever, and the
/// dashboard, whose polls never overlap, froze while it said "live". Here the request runs in a
/// child task that hands the head and each body chunk over to the caller's task one at a time (the
/// next chunk is read only once the caller took the last, so a slow consumer still slows the
/// socket), while a second child finishes the hand-over with `HTTPClientError.deadlineExceeded`
/// when the time is up. Leaving the group cancels the request, which closes its connection.
///
/// A large answer that arrives steadily is not a trickle: with `earning` set, every `earning`
/// bytes received move the deadline on by a second, so a batch of 50,000 results at a healthy rate
/// never hits it, while a byte every 3 s earns nothing worth having. Time the caller spends in
/// `receive` (splitting, writing to the spool) moves it on too: the deadline is the server's, and
/// a busy machine must not turn a steady download into a timeout.
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

    /// Calls `receive` on the caller's task with the head, then each chunk, in order. `receive`
    /// answers whether to go on reading. Throws what the request threw, what `receive` threw, or
    /// `HTTPClientError.deadlineExceeded` when the whole answer was not in within `timeout`.
    static func run(_ http: HTTPClient, _ request: HTTPClientRequest, timeout: Duration, earning: Int? = nil,
                    receive: (Event) throws -> Bool) async throws {
        let (events, eventSink) = AsyncThrowingStream.makeStream(of: Event.self)
        let (acknowledgements, acknowledge) = AsyncStream.makeStream(of: Bool.self)
        let clock = ContinuousClock()
        let start = clock.now
        let received = ByteTally()
        let headDeadline = NIODeadline.now() + .nanoseconds(nanoseconds(timeout))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    let response = try await http.execute(request, deadline: headDeadline)
                    var goOn = acknowledgements.makeAsyncIterator()
                    eventSink.yield(.head(status: Int(response.status.code), headers: response.headers))
                    if await goOn.next() == true {
                        for try await chunk in response.body {
                            eventSink.yield(.chunk(chunk))
                            guard await goOn.next() == true else { break }
                        }
                    }
                    eventSink.finish()
                } catch {
                    eventSink.finish(throwing: error)
                }
            }
            group.addTask {
                // Cancelled when the answer is complete; otherwise the answer is overdue.
                do {
                    while true {
                        var deadline = start + timeout + received.busy
                        if let earning { deadline += .seconds(Double(received.bytes) / Double(earning)) }
                        guard clock.now < deadline else { break }
                        try await Task.sleep(until: deadline, clock: clock)
                    }
                    eventSink.finish(throwing: HTTPClientError.deadlineExceeded)
                } catch {}
            }
            defer {
                acknowledge.finish()
                group.cancelAll()
            }
            for try await event in events {
                let taken = clock.now
                let goOn = try receive(event)
                if case .chunk(let chunk) = event { received.add(chunk.readableBytes, busy: clock.now - taken) }
                acknowledge.yield(goOn)
                if !goOn { break }
            }
        }
    }

    /// Bytes received so far and the time the caller spent on them, read by the deadline's task.
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
