import Foundation
import MeshAPI
import Testing

/// The real binary in tmux against a stand-in: what a person sees and does. Each step polls the
/// screen with a timeout; nothing waits a fixed long time.
@Suite(.serialized) struct DashboardEndToEndTests {
    /// Two finished batches to drill into and one long-running batch to cancel.
    private func seed(_ standIn: RestartableStandIn) async throws -> (done: Batch, running: Batch) {
        let client = standIn.client()
        let done = try await client.createBatch(RestartableStandIn.request(size: 6, model: "openai/gpt-4o-mini", project: "e2e-done"))
        let running = try await client.createBatch(RestartableStandIn.request(size: 4000, model: "anthropic/claude-haiku-4.5", project: "e2e-long"))
        // The small one finishes in a few seconds at this speed; wait for it so Enter shows results.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if try await client.getBatch(id: done.id).status?.isTerminal == true { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        await client.shutdown()
        return (done, running)
    }

    // The time limit keeps a stalled terminal from holding .ci/run; a run takes about 20 s.
    @Test(.timeLimit(.minutes(3)))
    func navigateDrillCancelFilterResizeOfflineRecoverQuit() async throws {
        try #require(MeshtopBinary.exists, "build first: swift build (looked for \(MeshtopBinary.path))")
        let standIn = RestartableStandIn(speed: 5)
        Self.trace("starting the stand-in")
        try await standIn.start()
        Self.trace("seeding")
        let (done, running) = try await seed(standIn)
        Self.trace("starting tmux")
        let home = try MeshtopBinary.temporaryHome()
        // From the temporary home, so the `e` export lands there and not in the project.
        let command = "cd '\(home.path)' && exec '\(MeshtopBinary.path)' --interval 0.5"
        let pane = try await TmuxPane(command: ["/bin/sh", "-c", command], width: 120, height: 40,
                                environment: MeshtopBinary.environment(baseURL: standIn.baseURL, key: RestartableStandIn.key, home: home))
        defer { pane.kill() }

        // First frame: the batches and the quota.
        var screen = try await pane.waitFor("both batches and the quota") {
            $0.contains("e2e-long") && $0.contains("e2e-done") && $0.contains("quota") && $0.contains("/10")
        }
        #expect(screen.contains("● live"))
        #expect(await pane.alternateScreen)

        // Navigate: the selection marker moves with j and k (by row: a row's text changes as it ticks).
        let first = try #require(Self.selectedRowIndex(screen))
        await pane.send("j")
        screen = try await pane.waitFor("the selection to move") { Self.selectedRowIndex($0) == first + 1 }
        await pane.send("k")
        try await pane.waitFor("the selection to come back") { Self.selectedRowIndex($0) == first }

        // Drill into the finished batch's items and out again.
        try await selectRow(containing: "e2e-done", in: pane)
        await pane.send("Enter")
        screen = try await pane.waitFor("the items view") { $0.contains("CUSTOM ID") && $0.contains("e2e-done-") }
        await pane.send("Enter")
        // The body is read back from the spool: the whole object, pretty-printed.
        try await pane.waitFor("an item's body") { $0.contains("\"custom_id\" : \"e2e-done-") && $0.contains("status_code") }
        await pane.send("Escape")
        // `e` writes the items, as the server sent them, one a line.
        await pane.send("e")
        try await pane.waitFor(text: "exported items to")
        let export = home.appendingPathComponent("meshtop-\(done.id)-items.jsonl")
        let lines = try String(contentsOf: export, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6)
        let exported = try lines.map { try JSONDecoder().decode(BatchResult.self, from: Data($0.utf8)) }
        #expect(Set(exported.map(\.customID)) == Set((0..<6).map { "e2e-done-\($0)" }))
        // The spool is an unnamed file: the state folder holds only the log.
        let state = try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("state/meshtop").path)
        #expect(state == ["meshtop.log"])
        await pane.send("Escape")
        try await pane.waitFor(text: "PROGRESS")

        // Cancel the long batch: the dialog opens with No focused, so Enter keeps the batch.
        try await selectRow(containing: "e2e-long", in: pane)
        await pane.send("c")
        screen = try await pane.waitFor(text: "cancel batch?")
        #expect(screen.contains("[ No ]"))
        await pane.send("Enter")
        try await pane.waitFor("the dialog to close") { !$0.contains("cancel batch?") }
        let kept = try await Self.status(of: running.id, standIn)
        #expect(kept == .inProgress || kept == .validating)
        await pane.send("c")
        try await pane.waitFor(text: "cancel batch?")
        await pane.send("Right")
        await pane.send("Enter")
        try await pane.waitFor("the row to show the cancel") { Self.selectedLine($0).contains("cancel") }
        let final = try await Self.status(of: running.id, standIn)
        #expect(final == .cancelling || final == .cancelled)

        // Filter: only the matching batch stays.
        await pane.send("/")
        await pane.type("e2e-done")
        await pane.send("Enter")
        try await pane.waitFor("the filter to apply") { $0.contains("e2e-done") && !$0.contains("e2e-long") }
        // Esc while editing the filter clears it.
        await pane.send("/")
        await pane.send("Escape")
        try await pane.waitFor("the filter to clear") { $0.contains("e2e-done") && $0.contains("e2e-long") }

        // Resize to 60x15 and back: the layout follows at once, with no key pressed.
        await pane.resize(width: 60, height: 15)
        try await pane.waitFor("a 60-column layout") { screen in
            screen.split(separator: "\n").allSatisfy { $0.count <= 60 } && screen.contains("quota")
        }
        await pane.resize(width: 40, height: 10)
        try await pane.waitFor(text: "terminal too small")
        await pane.resize(width: 120, height: 40)
        try await pane.waitFor("the wide layout again") { $0.contains("DETAIL") && $0.contains("e2e-long") }

        // The API goes away: the last data stays, marked, and the header says what is wrong.
        await standIn.stop()
        screen = try await pane.waitFor("the offline state", timeout: 60) { $0.contains("offline since") || $0.contains("retrying in") }
        #expect(screen.contains("e2e-done"))
        try await standIn.start()
        try await pane.waitFor("recovery", timeout: 40) { $0.contains("● live") }

        // q restores the terminal: the alternate screen is off and the shell's output shows.
        await pane.send("q")
        screen = try await pane.waitFor(text: TmuxPane.exitMarker + "0")
        #expect(await !pane.alternateScreen)
        #expect(!screen.contains("PROGRESS"))
        await standIn.stop()
        _ = done
    }

    /// `P` moves to the next profile of config.toml: another team's batches and quota, none of the first's.
    @Test(.timeLimit(.minutes(2)))
    func profileKeySwitchesTeams() async throws {
        try #require(MeshtopBinary.exists, "build first: swift build")
        let standIn = RestartableStandIn(speed: 1)
        try await standIn.start()
        let mine = standIn.client()
        let theirs = standIn.client(key: RestartableStandIn.otherKey)
        _ = try await mine.createBatch(RestartableStandIn.request(size: 3, model: "openai/gpt-4o-mini", project: "e2e-mine"))
        _ = try await theirs.createBatch(RestartableStandIn.request(size: 3, model: "openai/gpt-4o-mini", project: "e2e-theirs"))
        await mine.shutdown()
        await theirs.shutdown()

        let home = try MeshtopBinary.temporaryHome()
        let folder = home.appendingPathComponent("config/meshtop")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            default_profile = "mine"

            [profiles.mine]
            base_url = "\(standIn.baseURL)"
            key = "\(RestartableStandIn.key)"

            [profiles.theirs]
            base_url = "\(standIn.baseURL)"
            key = "\(RestartableStandIn.otherKey)"
            """.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        var environment = MeshtopBinary.environment(baseURL: standIn.baseURL, key: RestartableStandIn.key, home: home)
        environment["MESH_API_KEY"] = nil
        environment["MESH_API_BASE_URL"] = nil
        let pane = try await TmuxPane(command: [MeshtopBinary.path, "--interval", "0.5"], width: 120, height: 40, environment: environment)
        defer { pane.kill() }

        var screen = try await pane.waitFor("the first profile's batch") { $0.contains("e2e-mine") && $0.contains("1/10") }
        #expect(screen.contains("mine (") && !screen.contains("e2e-theirs"))
        await pane.send("P")
        screen = try await pane.waitFor("the other team's batch") { $0.contains("e2e-theirs") && $0.contains("theirs (") }
        #expect(!screen.contains("e2e-mine"), "nothing of the first team may show")
        await pane.send("P")
        try await pane.waitFor("the first profile again") { $0.contains("e2e-mine") && !$0.contains("e2e-theirs") }
        let last = await pane.capture()
        #expect(!last.contains(RestartableStandIn.key) && !last.contains(RestartableStandIn.otherKey))
        await pane.send("q")
        try await pane.waitFor(text: TmuxPane.exitMarker + "0")
        await standIn.stop()
    }

    /// `e` when the directory meshtop started in was deleted: a message in words and no file
    /// anywhere else (Foundation's current directory was "" there, and the export landed in `/`).
    @Test(.timeLimit(.minutes(2)))
    func exportFromAVanishedDirectorySaysSoAndWritesNothing() async throws {
        try #require(MeshtopBinary.exists, "build first: swift build")
        let standIn = RestartableStandIn(speed: 5)
        try await standIn.start()
        let (done, _) = try await seed(standIn)
        let home = try MeshtopBinary.temporaryHome()
        let gone = home.appendingPathComponent("gone")
        try FileManager.default.createDirectory(at: gone, withIntermediateDirectories: true)
        let command = "cd '\(gone.path)' && exec '\(MeshtopBinary.path)' --interval 0.5"
        let pane = try await TmuxPane(command: ["/bin/sh", "-c", command], width: 120, height: 40,
                                      environment: MeshtopBinary.environment(baseURL: standIn.baseURL, key: RestartableStandIn.key, home: home))
        defer { pane.kill() }
        try await pane.waitFor(text: "e2e-done")
        try FileManager.default.removeItem(at: gone)
        try await selectRow(containing: "e2e-done", in: pane)
        await pane.send("Enter")
        try await pane.waitFor("the items view") { $0.contains("CUSTOM ID") && $0.contains("e2e-done-") }
        await pane.send("e")
        let stray = "/meshtop-\(done.id)-items.jsonl"
        defer { try? FileManager.default.removeItem(atPath: stray) }  // should the old fault come back
        let screen = try await pane.waitFor(text: "could not write")
        #expect(screen.contains("the current directory is gone"))
        #expect(!FileManager.default.fileExists(atPath: stray))
        await pane.send("q")
        try await pane.waitFor(text: TmuxPane.exitMarker + "0")
        await standIn.stop()
    }

    @Test func onceprintsOneFrameAsPlainText() async throws {
        try #require(MeshtopBinary.exists, "build first: swift build")
        let standIn = RestartableStandIn(speed: 5)
        try await standIn.start()
        _ = try await seed(standIn)
        let home = try MeshtopBinary.temporaryHome()
        var environment = MeshtopBinary.environment(baseURL: standIn.baseURL, key: RestartableStandIn.key, home: home)
        environment["COLUMNS"] = "120"
        environment["LINES"] = "30"
        let result = try await ProcessRunner.run(MeshtopBinary.path, ["--once"], environment: environment)
        await standIn.stop()
        #expect(result.status == 0, "stderr: \(result.errorOutput)")
        #expect(result.output.contains("e2e-done"))
        #expect(result.output.contains("quota"))
        #expect(!result.output.contains("\u{1B}["), "plain text, no escape sequences")
        #expect(!result.output.contains(RestartableStandIn.key))
    }

    @Test func onceFailsWithWordsWhenTheAPIIsDown() async throws {
        try #require(MeshtopBinary.exists, "build first: swift build")
        let home = try MeshtopBinary.temporaryHome()
        let environment = MeshtopBinary.environment(baseURL: "http://127.0.0.1:9", key: RestartableStandIn.key, home: home)
        let result = try await ProcessRunner.run(MeshtopBinary.path, ["--once"], environment: environment)
        #expect(result.status == 1)
        #expect(result.output.contains("retrying") || result.output.contains("offline"))
    }

    // MARK: Helpers

    static func trace(_ step: String) {
        if let file = ProcessInfo.processInfo.environment["MESHTOP_E2E_TRACE"] {
            try? (step + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        }
    }

    /// The row the list marks as selected ("›" in the first column).
    static func selectedLine(_ screen: String) -> String {
        screen.split(separator: "\n").first { $0.hasPrefix("›") }.map(String.init) ?? ""
    }

    /// The screen line of the selected row.
    static func selectedRowIndex(_ screen: String) -> Int? {
        screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("›") }
    }

    /// `g`, then `j` until the selected row holds `text`. Each key is waited out by the row the
    /// marker is on, not by the row's text, which changes by itself as ages and counts tick.
    private func selectRow(containing text: String, in pane: TmuxPane) async throws {
        await pane.send("g")
        try await pane.waitFor("the first row to be selected") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            guard let heading = lines.firstIndex(where: { $0.contains("STATUS") && $0.contains("PROGRESS") }) else { return false }
            return Self.selectedRowIndex(screen) == heading + 1
        }
        for _ in 0..<20 {
            let screen = await pane.capture()
            if Self.selectedLine(screen).contains(text) { return }
            guard let row = Self.selectedRowIndex(screen) else { break }
            await pane.send("j")
            try await pane.waitFor("the selection to move past \(row) towards \(text)") { Self.selectedRowIndex($0).map { $0 > row } ?? false }
        }
        try await pane.waitFor("a selected row with \(text)", timeout: 1) { Self.selectedLine($0).contains(text) }
    }

    private static func status(of id: String, _ standIn: RestartableStandIn) async throws -> BatchStatus? {
        let client = standIn.client()
        let batch = try await client.getBatch(id: id)
        await client.shutdown()
        return batch.status
    }
}
