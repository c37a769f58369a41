import Foundation
import Hummingbird
import MeshAPI
import Synchronization
import Testing
@testable import MeshStandIn
import MeshtopTestSupport

/// `meshtop serve` writes one line per request to the terminal it runs in, and the path in it is
/// the caller's: escape sequences are shown escaped and cannot forge a line of their own.
@Suite struct RequestLogTests {
    static func controls(in line: String) -> [Unicode.Scalar] {
        line.unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// The line itself: whatever path reaches it (another transport, a laxer parser) is escaped.
    @Test func theLogLineEscapesThePath() {
        let line = RequestEnvelopeMiddleware<StandInRequestContext>.logLine(
            method: "GET", path: "/v1/batches/x\u{1B}[2J\u{1B}]0;title\u{7}\u{9B}31m\u{7F}\nGET /forged 200",
            status: 404, milliseconds: 1.25, requestID: "req_\u{1B}[41m")
        #expect(Self.controls(in: line).isEmpty, "\(line.debugDescription)")
        #expect(line == #"GET /v1/batches/x\e[2J\e]0;title\u0007\u009b31m\u007f\nGET /forged 200 404 1.2ms req_\e[41m"#)
    }

    /// Over the wire, raw control bytes in a request line are refused by the HTTP parser (400);
    /// a percent-encoded escape is logged as it was sent. Nothing raw reaches the log either way.
    @Test func hostileRequestLinesLeaveTheLogClean() async throws {
        let lines = Mutex<[String]>([])
        let harness = try await StandInHarness.start { options in
            options.requestLog = { line in lines.withLock { $0.append(line) } }
        }
        let port = try #require(URLComponents(string: harness.baseURL)?.port)
        func get(_ path: String) async throws -> String {
            let head = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(StandInHarness.keyA)\r\n"
                + "Connection: close\r\n\r\n"
            let exchange = try await RawHTTPExchange.send(port: port, head: head, body: Data(), wait: 5)
            return exchange.beforeBody + exchange.final
        }
        let raw = try await get("/v1/batches/x\u{1B}[2J\u{9B}31m")
        let encoded = try await get("/v1/batches/x%1B%5B2J")
        await harness.stop()

        #expect(raw.hasPrefix("HTTP/1.1 400"), "\(raw.prefix(200))")
        #expect(encoded.hasPrefix("HTTP/1.1 404"), "\(encoded.prefix(200))")
        let logged = lines.withLock { $0 }
        for line in logged { #expect(Self.controls(in: line).isEmpty, "\(line.debugDescription)") }
        #expect(logged.contains { $0.hasPrefix("GET /v1/batches/x%1B%5B2J 404 ") }, "\(logged)")
    }
}
