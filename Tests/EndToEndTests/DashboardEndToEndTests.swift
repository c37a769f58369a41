import Foundation
import MeshAPI
import Testing
import MeshtopTestSupport

/// The real binary in tmux against a stand-in: what a person sees and does. Each step polls the
/// screen with a timeout; nothing waits a fixed long time.
@Suite(.serialized) struct DashboardEndToEndTests {
    // The time limits keep a stalled terminal from holding .ci/run; a scenario takes a few seconds.

    @Test(.timeLimit(.minutes(2)))
    func firstFrameShowsTheBatchesLiveAndQuitRestoresTheTerminal() async throws {
        try await DashboardDriver.withSharedStandIn { driver in
            let screen = await driver.pane.capture()
            #expect(screen.contains("● live"))
            #expect(await driver.pane.alternateScreen)
            try await driver.quit()
        }
    }

    /// The selection marker moves with j and k (by row: a row's text changes as it ticks).
    @Test(.timeLimit(.minutes(2)))
    func jAndKMoveTheSelection() async throws {
        try await DashboardDriver.withSharedStandIn { driver in
            let first = try #require(DashboardDriver.selectedRowIndex(await driver.pane.capture()))
            await driver.pane.send("j")
            try await driver.pane.waitFor("the selection to move") { DashboardDriver.selectedRowIndex($0) == first + 1 }
            await driver.pane.send("k")
            try await driver.pane.waitFor("the selection to come back") { DashboardDriver.selectedRowIndex($0) == first }
            try await driver.quit()
        }
    }

    /// Into the finished batch's items, an item's body, back, `e` to export, and out to the list.
    @Test(.timeLimit(.minutes(2)))
    func drillIntoItemsAndBodyThenExport() async throws {
        let seeded = try await SeededStandIn.shared.value
        let driver = try await DashboardDriver.start(seeded)
        defer { driver.pane.kill() }
        let pane = driver.pane
        try await driver.openFinishedBatch()
        await pane.send("Enter")
        // The body is read back from the spool: the whole object, pretty-printed.
        try await pane.waitFor("an item's body") { $0.contains("\"custom_id\" : \"e2e-done-") && $0.contains("status_code") }
        await pane.send("Escape")
        // `e` writes the items, as the server sent them, one a line.
        await pane.send("e")
        try await pane.waitFor(text: "exported items to")
        let export = driver.home.appendingPathComponent("meshtop-\(seeded.done.id)-items.jsonl")
        let lines = try String(contentsOf: export, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6)
        let exported = try lines.map { try JSONDecoder().decode(BatchResult.self, from: Data($0.utf8)) }
        #expect(Set(exported.map(\.customID)) == Set((0..<6).map { "e2e-done-\($0)" }))
        // The spool is an unnamed file: the state folder holds only the log.
        let state = try FileManager.default.contentsOfDirectory(atPath: driver.home.appendingPathComponent("state/meshtop").path)
        #expect(state == ["meshtop.log"])
        await pane.send("Escape")
        try await pane.waitFor("the list again") { !$0.contains("e2e-done-") && $0.contains("e2e-long") }
        try await driver.quit()
    }

    /// The dialog opens with No focused, so Enter keeps the batch; Right, Enter cancels it.
    /// Its own stand-in: the shared one's running batch must stay running.
    @Test(.timeLimit(.minutes(2)))
    func cancelAsksFirstWithNoFocused() async throws {
        try await DashboardDriver.withOwnStandIn { driver in
            let pane = driver.pane
            let running = driver.seeded.running.id
            try await driver.selectRow(containing: "e2e-long")
            await pane.send("c")
            let screen = try await pane.waitFor(text: "cancel batch?")
            #expect(screen.contains("[ No ]"))
            await pane.send("Enter")
            try await pane.waitFor("the dialog to close") { !$0.contains("cancel batch?") }
            let kept = try await driver.seeded.status(of: running)
            #expect(kept == .inProgress || kept == .validating)
            await pane.send("c")
            try await pane.waitFor(text: "cancel batch?")
            await pane.send("Right")
            await pane.send("Enter")
            try await pane.waitFor("the row to show the cancel") { DashboardDriver.selectedLine($0).contains("cancel") }
            let final = try await driver.seeded.status(of: running)
            #expect(final == .cancelling || final == .cancelled)
            try await driver.quit()
        }
    }

    /// `/` filters to the matching batch; Esc while editing the filter clears it.
    @Test(.timeLimit(.minutes(2)))
    func filterKeepsTheMatchingBatchAndEscClearsIt() async throws {
        try await DashboardDriver.withSharedStandIn { driver in
            let pane = driver.pane
            await pane.send("/")
            await pane.type("e2e-done")
            await pane.send("Enter")
            try await pane.waitFor("the filter to apply") { $0.contains("e2e-done") && !$0.contains("e2e-long") }
            await pane.send("/")
            await pane.send("Escape")
            try await pane.waitFor("the filter to clear") { $0.contains("e2e-done") && $0.contains("e2e-long") }
            try await driver.quit()
        }
    }

    /// Resize to 60x15, to too small and back: the layout follows at once, with no key pressed.
    @Test(.timeLimit(.minutes(2)))
    func resizeFollowsWithNoKeyPressed() async throws {
        try await DashboardDriver.withSharedStandIn { driver in
            let pane = driver.pane
            await pane.resize(width: 60, height: 15)
            try await pane.waitFor("a 60-column layout") { screen in
                screen.split(separator: "\n").allSatisfy { $0.count <= 60 } && screen.contains("slots used")
            }
            await pane.resize(width: 40, height: 10)
            try await pane.waitFor(text: "too small: need 60x15, have 40x10")
            await pane.resize(width: 120, height: 40)
            // At 120 columns the detail pane sits below the list (beside it from 160).
            try await pane.waitFor("the wide layout again") { $0.contains("── detail") && $0.contains("e2e-long") }
            try await driver.quit()
        }
    }

    /// The API goes away: the last data stays, marked, and the header says what is wrong; it comes
    /// back live. Its own stand-in, since it stops the server.
    @Test(.timeLimit(.minutes(3)))
    func offlineKeepsTheLastDataAndRecovers() async throws {
        try await DashboardDriver.withOwnStandIn { driver in
            let standIn = driver.seeded.standIn
            await standIn.stop()
            let screen = try await driver.pane.waitFor("the offline state", timeout: 60) {
                $0.contains("offline since") || $0.contains("retrying in")
            }
            #expect(screen.contains("e2e-done"))
            try await standIn.start()
            try await driver.pane.waitFor("recovery", timeout: 40) { $0.contains("● live") }
            try await driver.quit()
        }
    }

    /// `P` moves to the next profile of config.toml: another team's batches and quota, none of the first's.
    @Test(.timeLimit(.minutes(2)))
    func profileKeySwitchesTeams() async throws {
        try MeshtopBinary.requireBuilt()
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
        let seeded = try await SeededStandIn.shared.value
        let parent = try MeshtopBinary.temporaryHome()
        let gone = parent.appendingPathComponent("gone")
        try FileManager.default.createDirectory(at: gone, withIntermediateDirectories: true)
        let driver = try await DashboardDriver.start(seeded, directory: gone)
        defer { driver.pane.kill() }
        try FileManager.default.removeItem(at: gone)
        try await driver.openFinishedBatch()
        await driver.pane.send("e")
        let stray = "/meshtop-\(seeded.done.id)-items.jsonl"
        defer { try? FileManager.default.removeItem(atPath: stray) }  // should the old fault come back
        let screen = try await driver.pane.waitFor(text: "could not write")
        #expect(screen.contains("the current directory is gone"))
        #expect(!FileManager.default.fileExists(atPath: stray))
        try await driver.quit()
    }

    @Test func onceprintsOneFrameAsPlainText() async throws {
        try MeshtopBinary.requireBuilt()
        let standIn = try await SeededStandIn.shared.value.standIn
        let home = try MeshtopBinary.temporaryHome()
        var environment = MeshtopBinary.environment(baseURL: standIn.baseURL, key: RestartableStandIn.key, home: home)
        environment["COLUMNS"] = "120"
        environment["LINES"] = "30"
        let result = try await ProcessRunner.run(MeshtopBinary.path, ["--once"], environment: environment)
        #expect(result.status == 0, "stderr: \(result.errorOutput)")
        #expect(result.output.contains("e2e-done"))
        #expect(result.output.contains("slots used"))
        #expect(!result.output.contains("\u{1B}["), "plain text, no escape sequences")
        #expect(!result.output.contains(RestartableStandIn.key))
    }

    /// `--demo --once` draws the workload's first batches (seven are submitted at once), not the
    /// empty list of a stand-in that has been given nothing yet. Run a few times: the empty frame
    /// came from a race the fix must win every time.
    @Test func demoOnceWaitsForTheWorkloadsFirstBatches() async throws {
        try MeshtopBinary.requireBuilt()
        for _ in 0..<3 {
            let home = try MeshtopBinary.temporaryHome()
            defer { try? FileManager.default.removeItem(at: home) }
            var environment = MeshtopBinary.environment(baseURL: "http://127.0.0.1:9", key: "rsk_unused", home: home)
            environment["COLUMNS"] = "120"
            environment["LINES"] = "30"
            let result = try await ProcessRunner.run(MeshtopBinary.path, ["--demo", "--once"], environment: environment)
            #expect(result.status == 0, "stderr: \(result.errorOutput)")
            #expect(!result.output.contains("no batches yet"), "\(result.output)")
            // Six of the seven are accepted (one provider has no batch support): six rows at least.
            let rows = result.output.split(separator: "\n").filter { $0.range(of: "[0-9a-z]{26}", options: .regularExpression) != nil }
            #expect(rows.count >= 6, "\(result.output)")
        }
    }

    @Test func onceFailsWithWordsWhenTheAPIIsDown() async throws {
        try MeshtopBinary.requireBuilt()
        let home = try MeshtopBinary.temporaryHome()
        let environment = MeshtopBinary.environment(baseURL: "http://127.0.0.1:9", key: RestartableStandIn.key, home: home)
        let result = try await ProcessRunner.run(MeshtopBinary.path, ["--once"], environment: environment)
        #expect(result.status == 1)
        #expect(result.output.contains("retrying") || result.output.contains("offline"))
    }
}
