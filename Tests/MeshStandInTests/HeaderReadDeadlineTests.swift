import Foundation
import Glibc
import Testing
import MeshtopTestSupport

/// `HeaderReadDeadline` keeps one timer per connection and moves it from head to head: a
/// connection that was busy for longer than the limit and then starts a head that never ends must
/// still be closed about one limit after that head began, not at once and not never.
@Suite struct HeaderReadDeadlineTests {
    @Test(.timeLimit(.minutes(1)))
    func aSlowHeadAfterABusySpellIsClosedOneLimitAfterItBegan() async throws {
        let harness = try await StandInHarness.start { $0.headerReadTimeoutSeconds = 1 }
        try await withTeardown({ await harness.stop() }) {
            let port = try #require(URLComponents(string: harness.baseURL)?.port)
            let request = "GET /v1/batches HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(StandInHarness.keyA)\r\n\r\n"
            let (answered, closedAfter): (Int, Double?) = try await RawHTTPExchange.onOwnThread {
                let socket = try RawHTTPExchange.connectedSocket(port: port)
                defer { close(socket) }
                RawHTTPExchange.setTimeout(socket, seconds: 5)
                // 1.75 s of requests, 0.25 s apart: past the 1 s limit, which must not count them.
                var answered = 0
                for index in 0..<8 {
                    if index > 0 { Thread.sleep(forTimeInterval: 0.25) }
                    try RawHTTPExchange.sendAll(socket, Data(request.utf8))
                    if RawHTTPExchange.readOneResponse(socket) != nil { answered += 1 }
                }
                // Then a head that never ends: the server must close within about a second.
                let started = Date()
                try RawHTTPExchange.sendAll(socket, Data("GET /v1/batches HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))
                var byte: UInt8 = 0
                let read = recv(socket, &byte, 1, 0)
                return (answered, read == 0 ? Date().timeIntervalSince(started) : nil)
            }
            #expect(answered == 8, "a busy connection is not a slow head")
            let seconds = try #require(closedAfter, "the unfinished head was never cut off")
            #expect(seconds > 0.5 && seconds < 3, "closed \(seconds) s after the head began")
        }
    }
}
