import Foundation
import MeshAPI
import MeshtopTestSupport
import Testing

/// Issue 16 item 15 on screen: `/` folds accents and case as it is typed, Ctrl-W and Ctrl-U erase.
@Suite(.serialized) struct SearchEndToEndTests {
    @Test(.timeLimit(.minutes(2)))
    func filterFoldsAccentsAndErasesWithCtrlWAndCtrlU() async throws {
        let standIn = RestartableStandIn(speed: 5)
        try await standIn.start()
        do {
            let client = standIn.client()
            _ = try await client.createBatch(RestartableStandIn.request(size: 3, model: "openai/gpt-4o-mini", project: "émoji-🚀-1"))
            _ = try await client.createBatch(RestartableStandIn.request(size: 3, model: "openai/gpt-4o-mini", project: "plain-2"))
            await client.shutdown()
            let pane = try await DashboardDriver.launch(baseURL: standIn.baseURL).pane
            defer { pane.kill() }
            try await pane.waitFor("both batches") { $0.contains("émoji-🚀-1") && $0.contains("plain-2") }
            await pane.send("/")
            await pane.type("emoji")
            var screen = try await pane.waitFor("the accented batch alone") { $0.contains("/emoji") && $0.contains("1 shown") }
            #expect(screen.contains("émoji-🚀-1") && !screen.contains("plain-2"), "\(screen)")
            await pane.send("C-w")
            try await pane.waitFor("every batch after Ctrl-W") { $0.contains("2 shown") && $0.contains("plain-2") }
            await pane.type("ÉMOJI")
            screen = try await pane.waitFor("the accented batch for upper case") { $0.contains("/ÉMOJI") && $0.contains("1 shown") }
            #expect(!screen.contains("plain-2"), "\(screen)")
            await pane.send("C-u")
            screen = try await pane.waitFor("every batch after Ctrl-U") { $0.contains("2 shown") && $0.contains("plain-2") }
            #expect(screen.contains("Ctrl-U erase"), "the prompt is still open, its footer offers the keys: \(screen)")
        } catch {
            await standIn.stop()
            throw error
        }
        await standIn.stop()
    }
}
