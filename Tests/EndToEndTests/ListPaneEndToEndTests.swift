import Foundation
import MeshAPI
import MeshtopTestSupport
import Testing

/// Issue 16 items 3, 7 and 20 (part) on screen: at 80x24 `d` gives the list the detail pane's
/// rows and `z` zooms the pane, both remembered by the next run; `:` selects a pasted id; `y`
/// puts the id, custom_id or answer on the clipboard through OSC 52 (read back from tmux's buffer).
@Suite(.serialized) struct ListPaneEndToEndTests {
    /// Fourteen small batches, created as the quota lets them in (ten may be open at once).
    static func fourteen(_ standIn: RestartableStandIn) async throws -> [Batch] {
        let client = standIn.client()
        var made: [Batch] = []
        let deadline = Date().addingTimeInterval(60)
        while made.count < 14 {
            guard Date() < deadline else { break }
            do {
                made.append(try await client.createBatch(RestartableStandIn.request(size: 2, model: "openai/gpt-4o-mini",
                                                                                     project: "pane-\(made.count + 1)")))
            } catch {
                // 429 while ten are open: one ends within a second at this speed.
                try await Task.sleep(for: .milliseconds(300))
            }
        }
        await client.shutdown()
        #expect(made.count == 14, "made \(made.count) batches in 60 s")
        return made
    }

    /// The pane's batch rows: lines from the column headings to the detail rule or the message line.
    static func listRows(_ screen: String) -> [Substring] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let heading = lines.firstIndex(where: { $0.contains("STATUS") && $0.contains("PROGRESS") }) else { return [] }
        return lines[(heading + 1)...].prefix { $0.contains("pane-") }.map { $0 }
    }

    /// The list's position at the right of the message line (the screen's last line but one).
    /// What tmux's clipboard holds once it is `expected`, or else anything but `otherThan` (at most
    /// 15 s), read every 200 ms. The tests
    /// check the clipboard rather than the "copied ..." toast: batches of the stand-in keep ending, and
    /// a newer round message ("2 batches ended: ...") can replace the toast before a loaded machine's
    /// capture sees it.
    static func clipboard(of pane: TmuxPane, until expected: String? = nil, otherThan: [String] = [""]) async throws -> String {
        func done(_ copied: String) -> Bool { expected.map { copied == $0 } ?? !otherThan.contains(copied) }
        var copied = await pane.pasteBuffer()
        for _ in 0..<75 where !done(copied) {
            try await Task.sleep(for: .milliseconds(200))
            copied = await pane.pasteBuffer()
        }
        return copied
    }

    static func ruler(_ screen: String) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let message = lines.count >= 3 ? lines[lines.count - 3] : ""
        return message.split(separator: " ").last.map(String.init) ?? ""
    }

    /// The selected row's project is `project` (a word of its own: pane-1 is not pane-10).
    static func selects(_ project: String, _ screen: String) -> Bool {
        DashboardDriver.selectedLine(screen).split(separator: " ").contains { $0 == project }
    }

    static func launch(_ standIn: RestartableStandIn, home: URL, width: Int = 80, height: Int = 24) async throws -> TmuxPane {
        let command = "cd '\(home.path)' && exec '\(MeshtopBinary.path)' --interval 0.5"
        return try await TmuxPane(command: ["/bin/sh", "-c", command], width: width, height: height,
                                  environment: MeshtopBinary.environment(baseURL: standIn.baseURL, key: RestartableStandIn.key, home: home))
    }

    @Test(.timeLimit(.minutes(3)))
    func hideAndZoomAt80x24AreRememberedByTheNextRun() async throws {
        try MeshtopBinary.requireBuilt()
        let standIn = RestartableStandIn(speed: 20)
        try await standIn.start()
        try await withTeardown({ await standIn.stop() }) {
            _ = try await Self.fourteen(standIn)
            let home = try MeshtopBinary.temporaryHome()
            var pane = try await Self.launch(standIn, home: home)
            defer { pane.kill() }
            var screen = try await pane.waitFor("14 batches and the detail pane") { Self.ruler($0).hasSuffix("/14") && $0.contains("── detail") }
            #expect(Self.listRows(screen).count == 9, "the detail pane takes half the body:\n\(screen)")
            // The ruler: the selected row of the rows shown, at the right of the message line.
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(Self.ruler(screen) == "1/14", "\(screen)")
            #expect(lines[23].contains("d hide detail") && lines[23].contains("z zoom"), "\(screen)")
            #expect(lines.first { $0.contains("STATUS") }?.contains("PROJECT") == true, "PROJECT heading at 80:\n\(screen)")

            await pane.send("d")
            screen = try await pane.waitFor("every batch in the list") { Self.listRows($0).count == 14 && !$0.contains("── detail") }
            #expect(screen.contains("d show detail"), "\(screen)")
            await pane.send("G")
            try await pane.waitFor("the ruler at the last row") { Self.ruler($0) == "14/14" }

            await pane.send("z")
            screen = try await pane.waitFor("the zoomed pane") { $0.contains("detail (z: list)") && !$0.contains("PROGRESS") }
            #expect(screen.contains("batch_"), "the id whole in the zoomed pane:\n\(screen)")
            #expect(Self.ruler(screen) == "14/14", "\(screen)")

            // The next run starts zoomed, from the settings file in the state folder.
            await pane.send("q")
            try await pane.waitFor(text: TmuxPane.exitMarker + "0")
            pane.kill()
            let file = home.appendingPathComponent("state/meshtop/dashboard.json").path
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let saved = try String(contentsOfFile: file, encoding: .utf8)
            #expect(saved.contains("\"detail_pane\" : \"zoomed\""), "\(saved)")
            pane = try await Self.launch(standIn, home: home)
            try await pane.waitFor("the zoomed pane again") { $0.contains("detail (z: list)") && $0.contains("status ") }
            await pane.send("Escape")
            try await pane.waitFor("the list and pane shared again") { Self.listRows($0).count == 9 && $0.contains("── detail") }

            // A damaged file is ignored (and logged), never fatal.
            await pane.send("q")
            try await pane.waitFor(text: TmuxPane.exitMarker + "0")
            pane.kill()
            try "{ not json".write(toFile: file, atomically: true, encoding: .utf8)
            pane = try await Self.launch(standIn, home: home)
            try await pane.waitFor("the defaults") { Self.listRows($0).count == 9 && Self.ruler($0) == "1/14" }
            let log = try String(contentsOfFile: home.appendingPathComponent("state/meshtop/meshtop.log").path, encoding: .utf8)
            #expect(log.components(separatedBy: "is not readable as settings").count == 2, "one line:\n\(log)")
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func colonSelectsAPastedIdAndYCopiesItThroughOSC52() async throws {
        try MeshtopBinary.requireBuilt()
        let standIn = RestartableStandIn(speed: 20, failureRate: 0)  // the item it opens must have an answer
        try await standIn.start()
        try await withTeardown({ await standIn.stop() }) {
            let made = try await Self.fourteen(standIn)
            let home = try MeshtopBinary.temporaryHome()
            let pane = try await Self.launch(standIn, home: home, width: 120, height: 40)
            defer { pane.kill() }
            await pane.takeClipboard()
            try await pane.waitFor("14 batches") { Self.ruler($0).hasSuffix("/14") }
            let target = made[4]
            let bare = String(target.id.dropFirst("batch_".count))
            await pane.send(":")
            try await pane.waitFor(text: "jump to batch id:")
            await pane.type(bare)
            await pane.send("Enter")
            var screen = try await pane.waitFor("the pasted id selected") { Self.selects("pane-5", $0) }
            #expect(screen.contains("selected \(target.id)"), "\(screen)")

            await pane.send("y")
            let copiedID = try await Self.clipboard(of: pane, until: target.id)
            #expect(copiedID == target.id, "tmux got the id from OSC 52")

            // By its tail, as a narrow list shows it.
            await pane.send(":")
            await pane.type("…" + String(made[9].id.suffix(10)))
            await pane.send("Enter")
            try await pane.waitFor("the tail's batch selected") { Self.selects("pane-10", $0) }
            await pane.send(":")
            await pane.type("no-such-batch")
            await pane.send("Enter")
            try await pane.waitFor(text: "no batch no-such-batch among the 14 listed")

            // The items' custom_id, then an item's answer.
            await pane.send("Enter")
            screen = try await pane.waitFor("the items") { $0.contains("CUSTOM ID") && $0.contains("pane-10-0") }
            await pane.send("y")
            let copiedCustomID = try await Self.clipboard(of: pane, until: "pane-10-0")
            #expect(copiedCustomID == "pane-10-0")
            await pane.send("Enter")
            screen = try await pane.waitFor("the body") { $0.contains("answer") && $0.contains("y copy answer") }
            await pane.send("y")
            let copied = try await Self.clipboard(of: pane, otherThan: ["", "pane-10-0"])
            screen = await pane.capture()
            #expect(!copied.isEmpty && screen.contains(String(copied.prefix(20))), "the answer on screen is what was copied: \(copied)\n\(screen)")
        }
    }
}
