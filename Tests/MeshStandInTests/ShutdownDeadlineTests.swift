import Foundation
import Glibc
import Synchronization
import Testing

/// SIGTERM while a client trickles a create's body: the real `meshtop serve` lets the request try
/// to finish for its shutdown deadline, then closes the connection and exits 0 (it used to wait for
/// the body for good, still running after 90 s).
@Suite(.timeLimit(.minutes(1))) struct ShutdownDeadlineTests {
    final class Progress: Sendable {
        let sent = Mutex(0)
        let stop = Mutex(false)
    }

    @Test func sigtermEndsServeWhileABodyTrickles() async throws {
        _ = try MeshtopBinary.requireBuilt()
        let serve = try await ServeProcess.start(["--memory"], keys: SecondServeProcessTests.keys)
        let progress = Progress()
        let port = serve.port
        let trickler = Task {
            try await RawHTTPExchange.onOwnThread { () -> Bool in
                let socket = try RawHTTPExchange.connectedSocket(port: port)
                defer { close(socket) }
                try RawHTTPExchange.sendAll(socket, Data("""
                    POST /v1/batches HTTP/1.1\r
                    Host: 127.0.0.1\r
                    Authorization: Bearer \(StandInHarness.keyA)\r
                    Content-Type: application/json\r
                    Content-Length: 100000\r
                    \r
                    {"requests":[
                    """.utf8))
                // A byte every 100 ms until the server closes the connection (or the test gives up).
                while !progress.stop.withLock({ $0 }) {
                    let byte: [UInt8] = [0x20]
                    guard Glibc.send(socket, byte, 1, Int32(MSG_NOSIGNAL)) == 1 else { return true }
                    progress.sent.withLock { $0 += 1 }
                    Thread.sleep(forTimeInterval: 0.1)
                }
                return false
            }
        }
        // The body is under way before the signal.
        let deadline = ContinuousClock.now + .seconds(20)
        while progress.sent.withLock({ $0 }) < 5 {
            guard ContinuousClock.now < deadline else {
                progress.stop.withLock { $0 = true }
                serve.kill()
                Issue.record("the body never started: \(String(describing: try? await trickler.value))")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        serve.terminate()
        let status = await serve.exitStatus(within: 30)
        // With the server gone the trickler's sends fail and it ends by itself; only a hung
        // server (already killed by then) needs it told.
        if status == nil { progress.stop.withLock { $0 = true } }
        #expect(status == 0, "serve \(status.map { "exited \($0)" } ?? "was still running 30 s after SIGTERM")")
        #expect(try await trickler.value, "the trickling connection was never closed")
    }
}
