import Foundation
import MeshAPI
import Testing
import MeshtopTestSupport

/// `Expect: 100-continue`, as curl sends it for bodies over 1 MiB: the server says go on before
/// the body, instead of leaving the client to wait out its own timeout; but only to HTTP/1.1, only
/// when it will read the body, and only in turn.
@Suite struct ExpectContinueTests {
    private func head(port: Int, length: Int, expect: Bool, version: String = "1.1", key: String = StandInHarness.keyA,
                      close: Bool = true) -> String {
        "POST /v1/batches HTTP/\(version)\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(key)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(length)\r\n" + (close ? "Connection: close\r\n" : "")
            + (expect ? "Expect: 100-continue\r\n" : "") + "\r\n"
    }

    private func start() async throws -> (StandInHarness, port: Int, body: Data) {
        let harness = try await StandInHarness.start()
        let port = try #require(URLComponents(string: harness.baseURL)?.port)
        return (harness, port, try JSONEncoder().encode(StandInHarness.batchBody(count: 1)))
    }

    @Test func continueComesBeforeTheBodyAndTheBatchIsCreated() async throws {
        let (harness, port, body) = try await start()
        try await withTeardown({ await harness.stop() }) {
            // Far longer than the answer takes, far shorter than a stalled test.
            let exchange = try await RawHTTPExchange.send(port: port, head: head(port: port, length: body.count, expect: true), body: body, wait: 5)
            #expect(exchange.beforeBody.hasPrefix("HTTP/1.1 100 Continue\r\n"), "before the body: \(exchange.beforeBody.debugDescription)")
            #expect(exchange.final.hasPrefix("HTTP/1.1 200 "), "after it: \(exchange.final.prefix(200))")
            #expect(exchange.final.contains(#""id":"batch_"#))
        }
    }

    @Test func withoutTheHeaderNothingComesBeforeTheBody() async throws {
        let (harness, port, body) = try await start()
        try await withTeardown({ await harness.stop() }) {
            let exchange = try await RawHTTPExchange.send(port: port, head: head(port: port, length: body.count, expect: false), body: body, wait: 0.5)
            #expect(exchange.beforeBody.isEmpty)
            #expect(exchange.final.hasPrefix("HTTP/1.1 200 "))
        }
    }

    /// RFC 9110: the expectation of an HTTP/1.0 request is ignored, and no 1xx goes to such a client.
    @Test func anHTTP10ClientGetsNoInterimAnswer() async throws {
        let (harness, port, body) = try await start()
        try await withTeardown({ await harness.stop() }) {
            let exchange = try await RawHTTPExchange.send(port: port, head: head(port: port, length: body.count, expect: true, version: "1.0"), body: body, wait: 0.5)
            #expect(exchange.beforeBody.isEmpty, "\(exchange.beforeBody.debugDescription)")
            #expect(exchange.final.contains(" 200 "), "\(exchange.final.prefix(200))")
        }
    }

    /// A body the server will not read is not asked for: the 401 comes first.
    @Test func anUnknownKeyGetsItsRefusalInsteadOfContinue() async throws {
        let (harness, port, body) = try await start()
        try await withTeardown({ await harness.stop() }) {
            let exchange = try await RawHTTPExchange.send(
                port: port, head: head(port: port, length: body.count, expect: true, key: "rsk_unknown"), body: body, wait: 5)
            #expect(exchange.beforeBody.hasPrefix("HTTP/1.1 401 "), "\(exchange.beforeBody.prefix(200).debugDescription)")
            #expect(!exchange.beforeBody.contains("100 Continue"))
        }
    }

    /// Pipelined: a whole request, then the head of a second that expects 100. The 100 belongs to the
    /// second, so it may only follow the first's response.
    @Test func aPipelinedRequestsContinueWaitsForTheEarlierResponse() async throws {
        let (harness, port, body) = try await start()
        try await withTeardown({ await harness.stop() }) {
            let first = head(port: port, length: body.count, expect: false, close: false) + String(decoding: body, as: UTF8.self)
            let second = head(port: port, length: body.count, expect: true)
            let exchange = try await RawHTTPExchange.send(port: port, head: first + second, body: body, wait: 2)
            let text = exchange.beforeBody
            let firstAnswer = try #require(text.range(of: "HTTP/1.1 200 "), "\(text.prefix(300).debugDescription)")
            let interim = try #require(text.range(of: "HTTP/1.1 100 Continue\r\n"), "\(text.prefix(600).debugDescription)")
            #expect(firstAnswer.lowerBound < interim.lowerBound, "the 100 came before the first request's answer")
            #expect(exchange.final.hasPrefix("HTTP/1.1 200 "), "\(exchange.final.prefix(200))")
        }
    }

    /// A declared body over the 100 MiB limit is refused at once: a strict client that waits for
    /// 100 Continue gets its 413 before it sends a byte, instead of waiting out its own timeout.
    @Test func anOversizedBodyGetsItsRefusalBeforeItIsSent() async throws {
        let (harness, port, _) = try await start()
        try await withTeardown({ await harness.stop() }) {
            let exchange = try await RawHTTPExchange.send(
                port: port, head: head(port: port, length: 101 << 20, expect: true), body: Data(), wait: 5)
            #expect(exchange.beforeBody.hasPrefix("HTTP/1.1 413 "), "\(exchange.beforeBody.prefix(200).debugDescription)")
            #expect(exchange.beforeBody.contains("request_too_large"))
            #expect(!exchange.beforeBody.contains("100 Continue"))
        }
    }
}
