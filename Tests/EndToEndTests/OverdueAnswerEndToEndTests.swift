import Foundation
import Testing

/// The dashboard against a server whose list answer trickles (headers, then a byte every 3 s):
/// it stops saying "live" once the answer is overdue, and `r` gives the round up and polls again,
/// which, the server answering whole once more, brings it back to live.
@Suite(.serialized) struct OverdueAnswerEndToEndTests {
    static let list = #"{"object": "list", "data": [{"id": "batch_trickle", "status": "in_progress", "created_at": 1764000000, "request_counts": {"total": 10, "completed": 20, "failed": 0}}], "has_more": false}"#

    @Test(.timeLimit(.minutes(2)))
    func anOverdueAnswerShowsAndRefreshRecovers() async throws {
        try #require(MeshtopBinary.exists, "build first: swift build (looked for \(MeshtopBinary.path))")
        let server = try TricklingServer(listBody: Self.list)
        defer { server.stop() }
        let home = try MeshtopBinary.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let pane = try await TmuxPane(command: [MeshtopBinary.path, "--interval", "1"], width: 120, height: 30,
                                      environment: MeshtopBinary.environment(baseURL: server.baseURL, key: "rsk_e2etrickle0123456789abcdef", home: home))
        defer { pane.kill() }

        var screen = try await pane.waitFor("the batch, live") { $0.contains("batch_trickle") && $0.contains("● live") }
        // More done than total (20 of 10) is drawn clamped.
        #expect(screen.contains("10/10") && !screen.contains("20/10"))

        server.setTrickle(true)
        screen = try await pane.waitFor("the overdue answer", timeout: 45) { $0.contains("no answer for") }
        #expect(!screen.contains("● live"))
        #expect(screen.contains("r asks again"))

        server.setTrickle(false)
        await pane.send("r")
        try await pane.waitFor("live again after r", timeout: 15) { $0.contains("● live") }
    }
}
