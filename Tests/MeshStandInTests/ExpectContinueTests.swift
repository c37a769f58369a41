import Foundation
import MeshAPI
import Testing

/// `Expect: 100-continue`, as curl sends it for bodies over 1 MiB: the server says go on before
/// the body, instead of leaving the client to wait out its own timeout.
@Suite struct ExpectContinueTests {
    private func head(port: Int, length: Int, expect: Bool) -> String {
        "POST /v1/batches HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(StandInHarness.keyA)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(length)\r\nConnection: close\r\n"
            + (expect ? "Expect: 100-continue\r\n" : "") + "\r\n"
    }

    @Test func continueComesBeforeTheBodyAndTheBatchIsCreated() async throws {
        let harness = try await StandInHarness.start()
        defer { Task { await harness.stop() } }
        let port = try #require(URLComponents(string: harness.server.baseURL)?.port)
        let body = try JSONEncoder().encode(StandInHarness.batchBody(count: 3))
        // Far longer than the answer takes, far shorter than a stalled test.
        let exchange = try await RawHTTPExchange.send(port: port, head: head(port: port, length: body.count, expect: true), body: body, wait: 5)
        #expect(exchange.beforeBody.hasPrefix("HTTP/1.1 100 Continue\r\n"), "before the body: \(exchange.beforeBody.debugDescription)")
        #expect(exchange.final.hasPrefix("HTTP/1.1 200 "), "after it: \(exchange.final.prefix(200))")
        #expect(exchange.final.contains(#""id":"batch_"#))
    }

    @Test func withoutTheHeaderNothingComesBeforeTheBody() async throws {
        let harness = try await StandInHarness.start()
        defer { Task { await harness.stop() } }
        let port = try #require(URLComponents(string: harness.server.baseURL)?.port)
        let body = try JSONEncoder().encode(StandInHarness.batchBody(count: 1))
        let exchange = try await RawHTTPExchange.send(port: port, head: head(port: port, length: body.count, expect: false), body: body, wait: 0.5)
        #expect(exchange.beforeBody.isEmpty)
        #expect(exchange.final.hasPrefix("HTTP/1.1 200 "))
    }
}
