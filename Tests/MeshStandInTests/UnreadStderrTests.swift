import AsyncHTTPClient
import Foundation
import Testing
import MeshtopTestSupport

/// `meshtop serve` with its stderr (the request log) in a pipe that nobody reads, as with
/// `meshtop serve | less` left paused: the pipe fills after a few hundred lines, and the server
/// must go on answering, and still exit when told to.
@Suite struct UnreadStderrTests {
    @Test(.timeLimit(.minutes(2)))
    func aStderrNobodyReadsNeverStopsTheServer() async throws {
        let unread = Pipe()
        let key = "rsk_unreadunreadunreadunreadun"
        let serve = try await ServeProcess.start(["--memory"], keys: "\(key)=team",
                                                 errorOutput: unread.fileHandleForWriting)
        let harness = StandInHarness(baseURL: serve.baseURL)
        // ~60 bytes of log a request: 3,000 requests are ~180 KB, well past a 64 KiB pipe.
        var answered = 0
        var failures: [String] = []
        for _ in 0..<3_000 {
            do {
                let reply = try await harness.call("GET", "/v1/batches?limit=1", key: key, timeout: .seconds(10))
                if reply.status == 200 { answered += 1 } else { failures.append("status \(reply.status)") }
            } catch {
                failures.append("\(error)")
                break  // one hung request is the answer; no need to wait out 3,000 timeouts
            }
        }
        #expect(answered == 3_000, "first failures: \(failures.prefix(3))")
        guard answered == 3_000 else {
            // A server stuck writing its log would not end on SIGTERM either.
            serve.kill()
            await serve.waitForExit()
            return
        }
        let stopping = ContinuousClock.now
        await serve.stop()
        #expect(ContinuousClock.now - stopping < .seconds(10), "SIGTERM ends it though its log cannot be written")
        try? unread.fileHandleForReading.close()
    }
}
