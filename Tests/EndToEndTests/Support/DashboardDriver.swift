import Foundation
import Testing
import MeshtopTestSupport

/// The real dashboard in a tmux pane against a seeded stand-in, with the moves the scenarios share.
/// Asserts on data (batch names, item ids, the selection marker) rather than on chrome, which the
/// screens' layout may change.
struct DashboardDriver {
    let seeded: SeededStandIn
    let pane: TmuxPane
    /// The dashboard's HOME and current directory, so an export lands here and not in the project.
    let home: URL

    /// Starts `meshtop --interval 0.5` and waits for the first frame with both batches.
    /// `terminal` is the TERM inside tmux (its `default-terminal`).
    static func start(_ seeded: SeededStandIn, terminal: String? = nil, directory: URL? = nil) async throws -> DashboardDriver {
        let (pane, home) = try await launch(baseURL: seeded.standIn.baseURL, terminal: terminal, directory: directory)
        let driver = DashboardDriver(seeded: seeded, pane: pane, home: home)
        do {
            try await pane.waitFor("both batches and the quota") {
                $0.contains("e2e-long") && $0.contains("e2e-done") && $0.contains("slots used") && $0.contains("/10")
            }
        } catch {
            pane.kill()
            throw error
        }
        return driver
    }

    /// The binary in a new pane against `baseURL` with `key`, from a temporary HOME (and, unless
    /// `directory` says otherwise, that HOME as its current directory, so an export lands there).
    static func launch(baseURL: String, key: String = RestartableStandIn.key, width: Int = 120, height: Int = 40,
                       arguments: String = "--interval 0.5", terminal: String? = nil,
                       directory: URL? = nil) async throws -> (pane: TmuxPane, home: URL) {
        try MeshtopBinary.requireBuilt()
        let home = try MeshtopBinary.temporaryHome()
        let command = "cd '\((directory ?? home).path)' && exec '\(MeshtopBinary.path)' \(arguments)"
        let pane = try await TmuxPane(command: ["/bin/sh", "-c", command], width: width, height: height,
                                      environment: MeshtopBinary.environment(baseURL: baseURL, key: key, home: home),
                                      terminal: terminal)
        return (pane, home)
    }

    /// A dashboard on the seeded stand-in the looking-only scenarios share; the pane is gone when
    /// `scenario` returns or throws.
    static func withSharedStandIn(terminal: String? = nil, directory: URL? = nil,
                                  _ scenario: (DashboardDriver) async throws -> Void) async throws {
        let driver = try await start(try await SeededStandIn.shared.value, terminal: terminal, directory: directory)
        defer { driver.pane.kill() }
        try await scenario(driver)
    }

    /// A dashboard on a stand-in of its own, for a scenario that changes the server (cancels a
    /// batch, stops it): the pane and the stand-in are gone when `scenario` returns or throws.
    static func withOwnStandIn(_ scenario: (DashboardDriver) async throws -> Void) async throws {
        let seeded = try await SeededStandIn.start()
        do {
            let driver = try await start(seeded)
            defer { driver.pane.kill() }
            try await scenario(driver)
        } catch {
            await seeded.standIn.stop()
            throw error
        }
        await seeded.standIn.stop()
    }

    /// q: the dashboard exits 0 and gives the terminal back (alternate screen off, the shell's output shows).
    func quit() async throws {
        await pane.send("q")
        let screen = try await pane.waitFor(text: TmuxPane.exitMarker + "0")
        #expect(await !pane.alternateScreen)
        #expect(!screen.contains("e2e-long"))
    }

    /// From the list, Enter on the finished batch: its items show.
    func openFinishedBatch() async throws {
        try await selectRow(containing: "e2e-done")
        await pane.send("Enter")
        try await pane.waitFor("the items view") { $0.contains("CUSTOM ID") && $0.contains("e2e-done-") }
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
    func selectRow(containing text: String) async throws {
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
}
