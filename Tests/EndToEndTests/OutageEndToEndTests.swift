import Foundation
import MeshAPI
import Testing
import MeshtopTestSupport

/// Issue 16, items 9 and 19, in a real terminal: an outage shows faint rows, no ETA, one interval
/// and a readable "stale" at 120 columns, then recovers; nine batches ending in one poll make one
/// message, and `L` lists them.
@Suite(.serialized) struct OutageEndToEndTests {
    /// The ETA column's text on the line that shows `project` (right-aligned under "ETA").
    static func eta(in screen: String, project: String) -> String? {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0)) }
        guard let heading = lines.first(where: { String($0).contains("STATUS") && String($0).contains("ETA") }),
              let row = lines.first(where: { String($0).contains(project) }),
              let start = (0..<max(0, heading.count - 2)).first(where: { String(heading[$0..<$0 + 3]) == "ETA" })
        else { return nil }
        let end = min(row.count, start + 3)
        return String(row[max(0, start + 3 - 6)..<end]).trimmingCharacters(in: .whitespaces)
    }

    /// Whether the "in_progress" cells on the line showing `project` are drawn faint (the default
    /// theme's dim role is bright-black; A_DIM where the palette has none).
    static func faint(_ styled: StyledCapture, project: String) -> Bool? {
        guard let line = styled.lines.indices.first(where: { styled.text(of: $0).contains(project) }) else { return nil }
        let text = Array(styled.text(of: line))
        guard let start = (0..<max(0, text.count - 10)).first(where: { String(text[$0..<$0 + 11]) == "in_progress" }) else { return nil }
        return styled.lines[line][start..<start + 11].allSatisfy { $0.foreground == "90" || $0.foreground == "38;5;8" || $0.faint }
    }

    @Test(.timeLimit(.minutes(3)))
    func anOutageDimsRowsDropsETAsSaysOneIntervalAndRecovers() async throws {
        let standIn = RestartableStandIn(speed: 1)
        try await standIn.start()
        do {
            let client = standIn.client()
            for index in 0..<3 {
                _ = try await client.createBatch(RestartableStandIn.request(size: 2000, model: "openai/gpt-4o-mini", project: "e2e-outage-\(index)"))
            }
            await client.shutdown()
            let pane = try await DashboardDriver.launch(baseURL: standIn.baseURL, arguments: "--interval 1").pane
            defer { pane.kill() }
            // e2e-outage-1 is neither the newest (selected) nor the oldest: a plain row.
            try await pane.waitFor("an ETA measured", timeout: 60) {
                guard let eta = Self.eta(in: $0, project: "e2e-outage-1") else { return false }
                return $0.contains("● live") && !eta.isEmpty && eta != "-"
            }
            #expect(Self.faint(await pane.captureStyled(), project: "e2e-outage-1") == false, "live rows are not faint")

            await standIn.stop()
            let screen = try await pane.waitFor("the data marked stale", timeout: 60) { $0.contains("retrying in") && $0.contains("· stale") }
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(Self.eta(in: screen, project: "e2e-outage-1") == "-", "no ETA while stale: \(screen)")
            #expect(!lines[0].contains("every "), "one interval: \(lines[0])")
            #expect(screen.components(separatedBy: "retrying in").count == 2, "one countdown: \(screen)")
            // The word whole at 120 columns, not cut to "st…".
            #expect(lines[1].contains(" · stale · data from "), "\(lines[1])")
            #expect(Self.faint(await pane.captureStyled(), project: "e2e-outage-1") == true, "stale rows are faint: \(screen)")

            try await standIn.start()
            try await pane.waitFor("recovery", timeout: 60) { $0.contains("● live") }
            #expect(Self.faint(await pane.captureStyled(), project: "e2e-outage-1") == false, "live again: not faint")
        } catch {
            await standIn.stop()
            throw error
        }
        await standIn.stop()
    }

    /// Nine batches seen running, then (paused) left to end: the first poll after `p` sees all nine
    /// end and says so once; `L` lists each with its project, newest first.
    @Test(.timeLimit(.minutes(4)))
    func nineBatchesEndingTogetherAreOneMessageAndTheLogListsThem() async throws {
        // A slow clock: validating takes 8 s, so the two that fail are seen running first.
        let standIn = RestartableStandIn(speed: 0.25)
        try await standIn.start()
        do {
            let pane = try await DashboardDriver.launch(baseURL: standIn.baseURL, arguments: "--interval 0.5").pane
            defer { pane.kill() }
            try await pane.waitFor(text: "● live")
            let client = standIn.client()
            var ids: [String] = []
            for index in 0..<7 {
                ids.append(try await client.createBatch(RestartableStandIn.request(size: 2, model: "openai/gpt-4o-mini", project: "e2e-nine-\(index)")).id)
            }
            // Requests without `messages`: the provider fails these batches when validation ends.
            for index in 7..<9 {
                let broken = CreateBatchRequest(requests: [BatchRequestItem(customID: "broken", body: .object(["model": .string("openai/gpt-4o-mini")]))],
                                                metadata: ["project": "e2e-nine-\(index)"])
                ids.append(try await client.createBatch(broken).id)
            }
            try await pane.waitFor("all nine running") { screen in (0..<9).allSatisfy { screen.contains("e2e-nine-\($0)") } }
            await pane.send("p")
            try await pane.waitFor(text: "paused")
            let deadline = Date().addingTimeInterval(150)
            var open = Set(ids)
            while !open.isEmpty, Date() < deadline {
                for id in open where try await client.getBatch(id: id).status?.isTerminal == true { open.remove(id) }
                try await Task.sleep(for: .milliseconds(500))
            }
            await client.shutdown()
            #expect(open.isEmpty, "every batch ended on the server")
            await pane.send("p")
            let said = try await pane.waitFor(text: "9 batches ended: 7 completed, 2 failed", timeout: 20)
            #expect(!said.contains("batches ended: 1 "), "\(said)")
            await pane.send("L")
            let log = try await pane.waitFor("the event log with nine entries") { screen in
                screen.contains("event log") && (0..<9).allSatisfy { screen.contains("e2e-nine-\($0)") }
            }
            let lines = log.split(separator: "\n").map(String.init)
            #expect(lines.filter { $0.contains("e2e-nine-") && $0.contains(" failed ") && $0.contains("not run") }.count == 2, "\(log)")
            #expect(lines.filter { $0.contains("e2e-nine-") && $0.contains(" completed ") }.count == 7, "\(log)")
            #expect(lines.contains { $0.contains("9 events") }, "\(log)")
        } catch {
            await standIn.stop()
            throw error
        }
        await standIn.stop()
    }
}
