import Foundation
import Testing
import MeshtopTestSupport

/// The dashboard opening a batch whose one result is a 1 GiB message, sent steadily (64 KiB every
/// 20 ms, so it is still arriving when the keys are pressed): the items screen says it is loading,
/// and `q` quits at once instead of waiting for the answer (issue 15: `q` was ignored while it digested).
@Suite(.serialized) struct HugeResultEndToEndTests {
    static let list = #"{"object": "list", "data": [{"id": "batch_huge", "status": "completed", "endpoint": "/v1/chat/completions", "model": "openai/gpt-4o-mini", "created_at": 1764000000, "completed_at": 1764000100, "request_counts": {"total": 1, "completed": 0, "failed": 1}}], "has_more": false, "first_id": "batch_huge", "last_id": "batch_huge"}"#
    static let head = #"{"id": "batch_huge", "status": "completed", "endpoint": "/v1/chat/completions", "model": "openai/gpt-4o-mini", "created_at": 1764000000, "completed_at": 1764000100, "request_counts": {"total": 1, "completed": 0, "failed": 1}, "results": [{"custom_id": "huge", "response": {"status_code": 500, "body": {"error": {"code": "upstream_error", "message": ""#
    static let tail = #""}}}}]}"#

    @Test(.timeLimit(.minutes(2)))
    func qQuitsWhileAHugeResultIsLoading() async throws {
        let binary = try MeshtopBinary.requireBuilt()
        let chunk = String(repeating: "m", count: 65_536)
        let server = try await FixtureServer.start { method, path, _ in
            switch path {
            case "/v1/batches": .init(body: Self.list)
            case "/v1/batches/batch_huge": .init(body: chunk, trickle: 0.02, repeatCount: 16_384, head: Self.head, tail: Self.tail)
            default: .init(status: .notFound, body: #"{"error": {"code": "not_found", "message": "no such thing"}}"#)
            }
        }
        let home = try MeshtopBinary.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        try await withTeardown({ await server.stop() }) {
            let pane = try await TmuxPane(command: [binary, "--interval", "2"], width: 120, height: 30,
                                          environment: MeshtopBinary.environment(baseURL: server.baseURL, key: "rsk_e2ehugehugehugehugehugeabcd", home: home))
            defer { pane.kill() }
            try await pane.waitFor(text: "batch_huge")
            await pane.send("Enter")
            try await pane.waitFor(text: "loading results…")
            #expect(server.count("GET", "/v1/batches/batch_huge") >= 1, "the GET of the huge result is under way")
            await pane.send("q")
            let screen = try await pane.waitFor("q to quit while the result loads", timeout: 10) { $0.contains(TmuxPane.exitMarker) }
            #expect(screen.contains(TmuxPane.exitMarker + "0"), "\(screen)")
        }
    }
}
