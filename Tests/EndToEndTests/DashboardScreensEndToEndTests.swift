import Foundation
import MeshAPI
import MeshtopTestSupport
import Testing

/// The screens of issue 10 as a person sees them: the real binary in tmux against a stand-in,
/// one scenario per test so one failure does not hide the others.
@Suite(.serialized) struct DashboardScreensEndToEndTests {
    /// Runs `scenario` with a stand-in of its own at `speed`, stopped however the scenario ends.
    private func withStandIn(speed: Double, _ scenario: (RestartableStandIn) async throws -> Void) async throws {
        let standIn = RestartableStandIn(speed: speed)
        try await standIn.start()
        do {
            try await scenario(standIn)
        } catch {
            await standIn.stop()
            throw error
        }
        await standIn.stop()
    }

    /// The binary in a pane against `standIn`; the pane is gone when `scenario` returns or throws.
    private func withPane(_ standIn: RestartableStandIn, key: String = RestartableStandIn.key, width: Int = 120,
                          height: Int = 40, _ scenario: (TmuxPane) async throws -> Void) async throws {
        let pane = try await DashboardDriver.launch(baseURL: standIn.baseURL, key: key, width: width, height: height).pane
        defer { pane.kill() }
        try await scenario(pane)
    }

    /// A wrong key: the server is up and says no. The screen says so, the quota is unknown (not
    /// "0/10", which would read as ten free slots), and it does not retry every second.
    @Test(.timeLimit(.minutes(2)))
    func refusedKeyReadsAsARefusedKey() async throws {
        try await withStandIn(speed: 1) { standIn in
            try await withPane(standIn, key: "rsk_not-a-key-of-this-stand-in-0000") { pane in
                let screen = try await pane.waitFor("the refused key") { $0.contains("key refused") && $0.contains("401") }
                #expect(screen.contains("?/10"), "\(screen)")
                #expect(screen.contains("refused the key") && screen.contains("MESH_API_KEY"), "\(screen)")
                // One interval, the countdown to the next try: a minute away, not a second.
                #expect(screen.contains("next try in 5") || screen.contains("next try in 60s"), "polls slow to once a minute: \(screen)")
                #expect(!screen.contains("every "), "no second interval beside the countdown: \(screen)")
                #expect(!screen.contains("no batches yet"), "\(screen)")
            }
        }
    }

    /// A stand-in whose clock runs ten times fast: ages are read on its clock (the `Date` header),
    /// so a batch some seconds old in real time reads a minute or more, and never lies in the future.
    @Test(.timeLimit(.minutes(2)))
    func agesFollowAStandInAtSpeedTen() async throws {
        try await withStandIn(speed: 10) { standIn in
            let client = standIn.client()
            // Three items: it completes within seconds, so its row has no ETA and the only "Nm" on it is the age.
            _ = try await client.createBatch(RestartableStandIn.request(size: 3, model: "openai/gpt-4o-mini", project: "e2e-ages"))
            await client.shutdown()
            let started = Date()
            try await withPane(standIn) { pane in
                // Real seconds since the create times ten, in minutes: the row reads that age.
                let screen = try await pane.waitFor("a simulated age in minutes", timeout: 30) { screen in
                    guard let row = screen.split(separator: "\n").first(where: { $0.contains("e2e-ages") }) else { return false }
                    return row.contains("completed") && row.range(of: #" [1-9][0-9]?m "#, options: .regularExpression) != nil
                }
                let real = Date().timeIntervalSince(started)
                // A minute of simulated age takes six real seconds: sooner would be a wrong clock, much
                // later the dashboard's own.
                #expect(real > 4 && real < 25, "a minute of simulated age after \(real) s of real time: \(screen)")
            }
        }
    }

    /// Help at the minimum size scrolls to its last entry with End.
    @Test(.timeLimit(.minutes(2)))
    func helpScrollsToItsLastEntryAt60x15() async throws {
        try await withStandIn(speed: 5) { standIn in
            try await withPane(standIn, width: 60, height: 15) { pane in
                try await pane.waitFor("the dashboard") { $0.contains("slots used") && $0.contains("q quit") }
                await pane.send("?")
                var screen = try await pane.waitFor("help") { $0.contains("help: batch list") }
                // The last entry is the legend of the ended statuses.
                #expect(!screen.contains("⊝ expired  ⊗ cancelled"), "the last entry is below the fold at first: \(screen)")
                await pane.send("End")
                screen = try await pane.waitFor("help's last entry") { $0.contains("⊝ expired  ⊗ cancelled") }
                await pane.send("Escape")
                // Closed: the box is gone and the list's footer offers help again.
                try await pane.waitFor("help closed") { !$0.contains("help: batch list") && $0.contains("? help") }
            }
        }
    }

    /// `/` in the items of a 50,000-item batch finds one item as it is typed.
    @Test(.timeLimit(.minutes(3)))
    func searchFindsOneItemInFiftyThousand() async throws {
        try await withStandIn(speed: 50) { standIn in
            let client = standIn.client()
            let batch = try await client.createBatch(RestartableStandIn.request(size: 50_000, model: "openai/gpt-4o-mini", project: "e2e-big"))
            _ = try await client.cancelBatch(id: batch.id)
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, try await client.getBatch(id: batch.id).status?.isTerminal != true {
                try await Task.sleep(for: .milliseconds(300))
            }
            await client.shutdown()
            try await withPane(standIn) { pane in
                try await pane.waitFor("the cancelled batch") { $0.contains("e2e-big") && $0.contains("cancelled") }
                await pane.send("Enter")
                try await pane.waitFor("50,000 items", timeout: 60) { $0.contains("50,000 shown") }
                await pane.send("/")
                await pane.type("e2e-big-49999")
                let screen = try await pane.waitFor("one match", timeout: 10) { $0.contains("/e2e-big-49999 · 1 shown") }
                #expect(screen.contains("›e2e-big-49999"), "\(screen)")
            }
        }
    }
}
