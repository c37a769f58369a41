import Foundation
import Testing
import MeshtopTestSupport

/// The dashboard against a server whose list answer trickles (headers, then a byte every 3 s):
/// it stops saying "live" once the answer is overdue, and `r` gives the round up and polls again,
/// which, the server answering whole once more, brings it back to live. Its list also carries a row
/// without an id: the rest of the page shows, and the log says so once.
@Suite(.serialized) struct OverdueAnswerEndToEndTests {
    /// One batch and one row that is not a batch (no id): skipped, and logged once however often it comes.
    static let list = #"{"object": "list", "data": [{"status": "completed"}, {"id": "batch_trickle", "status": "in_progress", "created_at": 1764000000, "request_counts": {"total": 10, "completed": 20, "failed": 0}}], "has_more": false}"#

    @Test(.timeLimit(.minutes(2)))
    func anOverdueAnswerShowsAndRefreshRecovers() async throws {
        try MeshtopBinary.requireBuilt()
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

        // Several polls came by now (every second or two); the bad row was logged once.
        try await Task.sleep(for: .seconds(3))
        let log = (try? String(contentsOf: home.appendingPathComponent("state/meshtop/meshtop.log"), encoding: .utf8)) ?? ""
        #expect(log.components(separatedBy: "without a string id").count - 1 == 1, "\(log)")

        server.setTrickle(true)
        screen = try await pane.waitFor("the overdue answer", timeout: 45) { $0.contains("no answer for") }
        #expect(!screen.contains("● live"))
        #expect(screen.contains("r asks again"))

        server.setTrickle(false)
        await pane.send("r")
        try await pane.waitFor("live again after r", timeout: 15) { $0.contains("● live") }
    }
}
