import Foundation
import MeshStandIn
import Testing
import MeshtopTestSupport

/// List pages of finished batches are answered on the event loop (`CachedListPageResponder`),
/// past the router. Those answers must be the route's answers, keep request order, and leave
/// Hummingbird's connection handling (idle timeout) as it was.
@Suite struct CachedListPageResponderTests {
    /// A stand-in holding three finished batches, whose first page of 3 is cached after one list.
    private static func harnessWithACachedPage(_ configure: (inout StandInOptions) -> Void = { _ in })
        async throws -> (StandInHarness, [String])
    {
        let harness = try await StandInHarness.start(configure)
        var finished: [String] = []
        for _ in 0..<3 {
            finished.append(try await harness.createAndFinish(StandInHarness.batchBody(count: 2)).id)
        }
        return (harness, finished)
    }

    private static func server(_ harness: StandInHarness) throws -> StandInServer { try #require(harness.server) }

    @Test func aCachedPageIsTheRoutesAnswerByteForByte() async throws {
        let (harness, finished) = try await Self.harnessWithACachedPage()
        try await withTeardown({ await harness.stop() }) {
            let server = try Self.server(harness)

            let fromRoute = try await harness.call("GET", "/v1/batches?limit=3")
            #expect(server.listPagesAnsweredOnEventLoop == 0, "the first list is a query")
            let fromCache = try await harness.call("GET", "/v1/batches?limit=3", headers: [("X-Request-Id", "mine-1")])
            #expect(server.listPagesAnsweredOnEventLoop == 1, "the second is the cached page")

            #expect(fromCache.status == 200 && fromRoute.status == 200)
            #expect(fromCache.body == fromRoute.body)
            #expect(fromCache.page?.data.map(\.id) == finished.reversed())
            // The same headers, in the same order; only the request id and the date differ.
            #expect(fromCache.headers.map { $0.0.lowercased() } == fromRoute.headers.map { $0.0.lowercased() })
            for name in ["content-type", "content-length"] {
                #expect(fromCache.header(name) == fromRoute.header(name), "\(name)")
            }
            #expect(fromCache.header("x-request-id") == "mine-1", "a caller's id is echoed, as the route does")
            let minted = try await harness.call("GET", "/v1/batches?limit=3", headers: [("X-Request-Id", "bad id!")])
            #expect(minted.header("x-request-id")?.hasPrefix("req_") == true, "an unacceptable id is replaced")
            #expect(minted.header("x-request-id") != fromRoute.header("x-request-id"))
            #expect(minted.header("date") != nil)
            #expect(server.listPagesAnsweredOnEventLoop == 2)
        }
    }

    @Test func whatTheRouteMustJudgeStillGoesToTheRoute() async throws {
        let (harness, _) = try await Self.harnessWithACachedPage()
        try await withTeardown({ await harness.stop() }) {
            let server = try Self.server(harness)
            _ = try await harness.call("GET", "/v1/batches?limit=3")

            #expect(try await harness.call("GET", "/v1/batches?limit=3", key: "rsk_unknownunknownunknownunkn").status == 401)
            #expect(try await harness.call("GET", "/v1/batches?limit=3", key: nil).status == 401)
            #expect(try await harness.call("GET", "/v1/batches?limit=0").status == 422)
            #expect(try await harness.call("GET", "/v1/batches?limit=3&after=batch_nope").status == 422)
            let otherOwner = try await harness.call("GET", "/v1/batches?limit=3", key: StandInHarness.keyB)
            #expect(otherOwner.page?.data.isEmpty == true, "another owner never gets this owner's page")
            #expect(server.listPagesAnsweredOnEventLoop == 0)

            // A new batch: the cached first page no longer holds, and the new batch is on it at once.
            let fresh = try #require(try await harness.create(StandInHarness.batchBody(count: 1)).batch?.id)
            #expect(try await harness.call("GET", "/v1/batches?limit=3").page?.data.first?.id == fresh)
            #expect(server.listPagesAnsweredOnEventLoop == 0)
        }
    }

    /// Three requests in one write: the first goes to the application, and the cached pages
    /// behind it must not overtake its answer.
    @Test(.timeLimit(.minutes(1)))
    func pipelinedRequestsAreAnsweredInTheirOrder() async throws {
        // A short idle timeout ends the connection soon after the last answer.
        let (harness, finished) = try await Self.harnessWithACachedPage { $0.idleTimeoutSeconds = 2 }
        try await withTeardown({ await harness.stop() }) {
            let port = try #require(URLComponents(string: harness.baseURL)?.port)
            _ = try await harness.call("GET", "/v1/batches?limit=3")
            func request(_ path: String, id: String) -> String {
                "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(StandInHarness.keyA)\r\nX-Request-Id: \(id)\r\n\r\n"
            }
            let burst = request("/v1/batches/\(finished[0])", id: "p1") + request("/v1/batches?limit=3", id: "p2")
                + request("/v1/batches/nope", id: "p3") + request("/v1/batches?limit=3", id: "p4")
            let (beforeClose, atClose) = try await RawHTTPExchange.send(port: port, head: burst, body: Data(), wait: 1)
            let answers = beforeClose + atClose
            let ids = answers.split(separator: "\r\n").filter { $0.lowercased().hasPrefix("x-request-id:") }
                .map { $0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces) }
            #expect(ids == ["p1", "p2", "p3", "p4"])
            // A body has no line end of its own, so the next status line follows it on the same "line".
            let statuses = answers.components(separatedBy: "HTTP/1.1 ").dropFirst().map { String($0.prefix(3)) }
            #expect(statuses == ["200", "200", "404", "200"])
        }
    }

    /// Hummingbird's idle timeout watches the requests it sees: a connection served only from the
    /// cache must count as busy, and still be closed once it really is idle. (Requests a fifth of
    /// the timeout apart: a loaded machine can stall the client's thread, and a pause as long as
    /// the timeout would end the connection rightly.)
    @Test(.timeLimit(.minutes(1)))
    func aConnectionServedFromTheCacheIsBusyUntilItGoesIdle() async throws {
        let (harness, _) = try await Self.harnessWithACachedPage { $0.idleTimeoutSeconds = 2 }
        try await withTeardown({ await harness.stop() }) {
            let server = try Self.server(harness)
            let port = try #require(URLComponents(string: harness.baseURL)?.port)
            _ = try await harness.call("GET", "/v1/batches?limit=3")
            let request = "GET /v1/batches?limit=3 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(StandInHarness.keyA)\r\n\r\n"

            // 20 requests 0.2 s apart: 4 s on one connection with a 2 s idle timeout.
            let answers = try await RawHTTPExchange.keepAlive(port: port, requests: Array(repeating: request, count: 20), pause: 0.2)
            #expect(answers.count == 20)
            #expect(answers.allSatisfy { $0.hasPrefix("HTTP/1.1 200") })
            #expect(server.listPagesAnsweredOnEventLoop >= 20)

            // Then 4.5 s of silence: the idle timeout closes it before the second request.
            let afterSilence = try await RawHTTPExchange.keepAlive(port: port, requests: [request, request], pause: 4.5)
            #expect(afterSilence.count == 1)
        }
    }
}
