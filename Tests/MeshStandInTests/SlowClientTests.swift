import Foundation
import Glibc
import Synchronization
import Testing
import MeshtopTestSupport

/// Connections that never finish a request are closed, and while they hang on, everyone else is
/// answered: slowloris clients (a header line every 200 ms, never the blank line), idle sockets,
/// and keep-alive pauses that must survive; and past `maxConnections` a new connection is closed
/// unanswered, so the count of sockets held open at once is bounded.
///
/// One test at a time: 500 and 200 trickling heads side by side (each a header line to every socket
/// every 200 ms) loaded 2 cores enough that the other test's ordinary calls missed their deadlines.
/// The limits below are margins for a loaded machine, not what is measured: a head is never finished
/// whatever the limit, and each wait ends as soon as its condition holds.
@Suite(.serialized) struct SlowClientTests {
    /// Opens `count` connections, sends each an unfinished head, then a header line every 200 ms
    /// to each still open, for at most `seconds`. Answers how many the server closed by then.
    /// All on one thread of its own, with non-blocking sockets.
    /// Waits (at most 20 s) until every slow head is connected and has sent its first line: the
    /// checks after it run while all of them are held, instead of "probably" after a pause.
    /// (The server's own count would not do: under load the first heads reach their deadline
    /// and are closed before the last ones are open.)
    private static func waitUntilOpened(_ opened: borrowing Mutex<Bool>) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while !opened.withLock({ $0 }) {
            try #require(ContinuousClock.now < deadline, "the slow heads were not all open within 20 s")
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// `count` connections sending a request head a line every 200 ms for `seconds`; `opened` is
    /// called once every one of them is connected and has sent its first line. Returns how many
    /// the server closed.
    private static func slowloris(port: Int, count: Int, seconds: Double, opened: @escaping @Sendable () -> Void)
        async throws -> Int
    {
        try await RawHTTPExchange.onOwnThread {
            var open: [Int32] = []
            defer { open.forEach { close($0) } }
            for _ in 0..<count {
                let socket = try RawHTTPExchange.connectedSocket(port: port)
                open.append(socket)
                try RawHTTPExchange.sendAll(socket, Data("GET /v1/batches HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))
                _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
            }
            opened()
            var closed = Set<Int32>()
            let deadline = Date().addingTimeInterval(seconds)
            var line = 0
            while Date() < deadline, closed.count < count {
                Thread.sleep(forTimeInterval: 0.2)
                line += 1
                for socket in open where !closed.contains(socket) {
                    let header = Array("X-Slow-\(line): 1\r\n".utf8)
                    let sent = Glibc.send(socket, header, header.count, Int32(MSG_NOSIGNAL))
                    let sendError = errno
                    var byte: UInt8 = 0
                    let read = recv(socket, &byte, 1, 0)
                    // A closed peer: send fails (EPIPE/ECONNRESET) or recv sees the end.
                    if (sent < 0 && sendError != EAGAIN) || read == 0 { closed.insert(socket) }
                }
            }
            return closed.count
        }
    }

    /// What became of idle connections held open without a byte sent.
    private struct IdleOutcome: Sendable {
        /// Still open when looked at last.
        var open: Int
        /// Closed by the server with nothing sent first.
        var closedUnanswered: Int
        /// Sent something (there is nothing they could rightly be sent).
        var answered: Int
        /// Whether a plain request on a new connection got a 200, after a few of the open ones were closed.
        var laterClientAnswered: Bool
    }

    /// Opens `count` idle connections, watches them for `seconds`, then closes `release` of the
    /// open ones and sends a request on a new connection until it is answered (for at most 10 s).
    /// All on one thread of its own, with non-blocking sockets for the watching.
    private static func holdIdle(port: Int, count: Int, seconds: Double, release: Int) async throws -> IdleOutcome {
        try await RawHTTPExchange.onOwnThread {
            var open: [Int32] = []
            defer { open.forEach { close($0) } }
            for _ in 0..<count {
                let socket = try RawHTTPExchange.connectedSocket(port: port)
                _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
                open.append(socket)
            }
            var closed = Set<Int32>()
            var answered = Set<Int32>()
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                Thread.sleep(forTimeInterval: 0.1)
                for socket in open where !closed.contains(socket) && !answered.contains(socket) {
                    var byte: UInt8 = 0
                    let read = recv(socket, &byte, 1, 0)
                    let readError = errno
                    if read > 0 { answered.insert(socket) }
                    if read == 0 || (read < 0 && readError != EAGAIN && readError != EWOULDBLOCK) { closed.insert(socket) }
                }
            }
            let stillOpen = open.filter { !closed.contains($0) && !answered.contains($0) }
            for socket in stillOpen.prefix(release) { shutdown(socket, Int32(SHUT_RDWR)) }

            // The server counts a connection out when it sees it close: ask until it has.
            let request = "GET /v1/batches HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(StandInHarness.keyA)\r\nConnection: close\r\n\r\n"
            var laterClientAnswered = false
            let retryUntil = Date().addingTimeInterval(10)
            while !laterClientAnswered, Date() < retryUntil {
                let socket = try RawHTTPExchange.connectedSocket(port: port)
                RawHTTPExchange.setTimeout(socket, seconds: 2)
                try? RawHTTPExchange.sendAll(socket, Data(request.utf8))
                laterClientAnswered = RawHTTPExchange.readUntilQuiet(socket).hasPrefix("HTTP/1.1 200 ")
                close(socket)
                if !laterClientAnswered { Thread.sleep(forTimeInterval: 0.2) }
            }
            return IdleOutcome(open: stillOpen.count, closedUnanswered: closed.count, answered: answered.count,
                               laterClientAnswered: laterClientAnswered)
        }
    }

    /// 60 idle sockets against a cap of 50: silent connections may hold three quarters of it (37),
    /// so each one past that closes the oldest silent one, unanswered (23 in all); a new client is served.
    @Test(.timeLimit(.minutes(1)))
    func connectionsPastTheLimitAreClosedAtOnce() async throws {
        let harness = try await StandInHarness.start { $0.maxConnections = 50 }
        try await withTeardown({ await harness.stop() }) {
            let port = try #require(URLComponents(string: harness.baseURL)?.port)
            let outcome = try await Self.holdIdle(port: port, count: 60, seconds: 3, release: 5)
            #expect(outcome.open == 37, "open: \(outcome.open)")
            #expect(outcome.closedUnanswered == 23, "closed: \(outcome.closedUnanswered)")
            #expect(outcome.answered == 0)
            #expect(outcome.laterClientAnswered)
        }
    }

    /// The case under the default cap (1,000): 500 slowloris heads at once, and another
    /// client's requests are every one answered meanwhile; the heads are cut at the header deadline.
    @Test(.timeLimit(.minutes(1)))
    func fiveHundredSlowHeadsLeaveOtherClientsAnswered() async throws {
        let harness = try await StandInHarness.start { $0.headerReadTimeoutSeconds = 3 }
        try await withTeardown({ await harness.stop() }) {
            let port = try #require(URLComponents(string: harness.baseURL)?.port)
            let opened = Mutex(false)
            async let closedCount = Self.slowloris(port: port, count: 500, seconds: 25) { opened.withLock { $0 = true } }
            try await Self.waitUntilOpened(opened)
            var statuses: [Int] = []
            for _ in 0..<50 {
                statuses.append(try await harness.call("GET", "/v1/batches", timeout: .seconds(10)).status)
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses.filter { $0 != 200 })")
            #expect(try await closedCount == 500)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aHeadThatNeverEndsIsClosedWhileOthersAreAnswered() async throws {
        let harness = try await StandInHarness.start { $0.headerReadTimeoutSeconds = 1 }
        try await withTeardown({ await harness.stop() }) {
            let port = try #require(URLComponents(string: harness.baseURL)?.port)
            let opened = Mutex(false)
            async let closedCount = Self.slowloris(port: port, count: 200, seconds: 20) { opened.withLock { $0 = true } }
            // While 200 heads trickle in, ordinary requests are answered as usual.
            try await Self.waitUntilOpened(opened)
            for _ in 0..<50 {
                #expect(try await harness.call("GET", "/v1/batches", timeout: .seconds(10)).status == 200)
            }
            // Every slow connection is closed at its 1 s deadline; 20 s is the margin for a loaded machine
            // (a head that could finish would not be closed at all: it never ends).
            #expect(try await closedCount == 200)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aSilentConnectionIsClosedAfterTheIdleTimeout() async throws {
        let harness = try await StandInHarness.start { $0.idleTimeoutSeconds = 1 }
        try await withTeardown({ await harness.stop() }) {
            let port = try #require(URLComponents(string: harness.baseURL)?.port)
            let ended: String = try await RawHTTPExchange.onOwnThread {
                let socket = try RawHTTPExchange.connectedSocket(port: port)
                defer { close(socket) }
                // Far past the idle timeout: a read that ends early means the server closed.
                RawHTTPExchange.setTimeout(socket, seconds: 10)
                var byte: UInt8 = 0
                let started = Date()
                let read = recv(socket, &byte, 1, 0)
                return read == 0 && Date().timeIntervalSince(started) < 9 ? "closed" : "open (recv \(read))"
            }
            #expect(ended == "closed")
        }
    }

    /// The header deadline runs only while a head is coming: a keep-alive connection that pauses
    /// between two requests for longer than it is still served.
    @Test(.timeLimit(.minutes(1)))
    func aKeepAlivePauseBetweenRequestsIsNotAHeadTimeout() async throws {
        let harness = try await StandInHarness.start { $0.headerReadTimeoutSeconds = 1 }
        try await withTeardown({ await harness.stop() }) {
            let port = try #require(URLComponents(string: harness.baseURL)?.port)
            let request = "GET /v1/batches HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(StandInHarness.keyA)\r\n\r\n"
            // Each answer read whole by its Content-Length, then a pause of 2.5 s, past the 1 s head
            // deadline (waiting for a quiet second instead cut a slow answer short under load).
            let answers = try await RawHTTPExchange.keepAlive(port: port, requests: [request, request], pause: 2.5)
            #expect(answers.count == 2, "answers: \(answers.count)")
            #expect(answers.allSatisfy { $0.hasPrefix("HTTP/1.1 200 ") }, "\(answers.map { $0.prefix(40) })")
        }
    }
}
