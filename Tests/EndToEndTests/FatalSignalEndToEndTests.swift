import Foundation
import Testing
import MeshtopTestSupport

/// The dashboard dying of a signal (a trap, a bad pointer, an abort; SIGUSR1, SIGALRM and every other
/// signal whose default is to end the process) leaves the terminal as it
/// found it: alternate screen off, cursor shown, mouse reporting off, echo and canonical input back.
/// The signal is sent from outside, which runs the same handler a trap inside would.
@Suite(.serialized) struct FatalSignalEndToEndTests {
    @Test(.timeLimit(.minutes(2)), arguments: [SIGILL, SIGSEGV, SIGABRT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGXCPU])
    func terminalIsRestoredWhenTheProcessDiesOfASignal(signo: Int32) async throws {
        try MeshtopBinary.requireBuilt()
        let home = try MeshtopBinary.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let pidFile = home.appendingPathComponent("pid").path
        let modesFile = home.appendingPathComponent("stty").path
        // The inner shell writes its pid and becomes meshtop (exec keeps the pid); the outer shell
        // then records the terminal modes meshtop left behind.
        // (`\$\$`: the outer shell must pass `$$` on, not expand it to its own pid.)
        let inner = "echo \\$\\$ > '\(pidFile)'; exec '\(MeshtopBinary.path)' --demo --interval 1"
        let script = "/bin/sh -c \"\(inner)\"; status=$?; stty -a > '\(modesFile)'; exit $status"
        let pane = try await TmuxPane(command: ["/bin/sh", "-c", script], width: 120, height: 40,
                                      environment: MeshtopBinary.environment(baseURL: "http://127.0.0.1:9", key: "rsk_unused", home: home))
        defer { pane.kill() }
        try await pane.waitFor("the dashboard") { $0.contains("PROGRESS") && $0.contains("slots used") }
        #expect(await pane.alternateScreen)
        #expect(await pane.display("#{mouse_any_flag}") == "1")
        #expect(await pane.display("#{cursor_flag}") == "0")

        let pidText = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(pid_t(pidText))
        #expect(kill(pid, signo) == 0)

        // The outer shell writes the modes once meshtop is gone; the screen is checked after that (an
        // alternate screen left on would hide the shell's exit marker).
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: modesFile), Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(await pane.alternateScreen == false)
        let screen = await pane.capture()
        // Died of the signal, as before the handler existed (the shell reports 128 + n).
        #expect(screen.contains("\(TmuxPane.exitMarker)\(128 + signo)"), "\(screen)")
        #expect(await pane.display("#{cursor_flag}") == "1")
        #expect(await pane.display("#{mouse_any_flag}") == "0")
        let modes = try String(contentsOfFile: modesFile, encoding: .utf8)
        let words = Set(modes.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(words.contains("echo") && !words.contains("-echo"), "\(modes)")
        #expect(words.contains("icanon") && !words.contains("-icanon"), "\(modes)")
    }

    /// The dashboard ended by SIGTERM while a profile switch waits for a hung key_command: the
    /// command's process group (the shell and the child it started) ends with meshtop, and the
    /// terminal is restored as for any signal.
    @Test(.timeLimit(.minutes(2)))
    func aHungKeyCommandEndsWithTheDashboard() async throws {
        try MeshtopBinary.requireBuilt()
        let home = try MeshtopBinary.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let pidFile = home.appendingPathComponent("pid").path
        let childFile = home.appendingPathComponent("child").path
        let folder = home.appendingPathComponent("config/meshtop")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("config.toml")
        try """
            default_profile = "mine"
            [profiles.mine]
            base_url = "http://127.0.0.1:9"
            key = "rsk_unusedunusedunusedunused1"
            [profiles.hung]
            base_url = "http://127.0.0.1:9"
            key_command = "sleep 300 & echo $! > '\(childFile)'; wait"
            """.write(to: config, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config.path)
        var environment = MeshtopBinary.environment(baseURL: "http://127.0.0.1:9", key: "rsk_unused", home: home)
        environment["MESH_API_KEY"] = nil
        environment["MESH_API_BASE_URL"] = nil
        let inner = "echo \\$\\$ > '\(pidFile)'; exec '\(MeshtopBinary.path)' --interval 1"
        let script = "/bin/sh -c \"\(inner)\"; exit $?"
        let pane = try await TmuxPane(command: ["/bin/sh", "-c", script], width: 120, height: 40, environment: environment)
        defer { pane.kill() }
        try await pane.waitFor("the dashboard") { $0.contains("slots used") && $0.contains("mine") }
        await pane.send("P")
        let deadline = Date().addingTimeInterval(15)
        while (try? String(contentsOfFile: childFile, encoding: .utf8))?.hasSuffix("\n") != true, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let child = try #require(pid_t((try? String(contentsOfFile: childFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""))
        let pid = try #require(pid_t(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(Self.alive(child))
        #expect(kill(pid, SIGTERM) == 0)
        try await pane.waitFor(text: TmuxPane.exitMarker + "\(128 + SIGTERM)")
        for _ in 0..<100 where Self.alive(child) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!Self.alive(child), "the key_command's child outlived the dashboard")
        if Self.alive(child) { kill(child, SIGKILL) }
        #expect(await pane.alternateScreen == false)
    }

    /// Whether process `pid` still runs (a zombie waiting for its parent does not).
    static func alive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        let state = stat.split(separator: ")").last?.split(separator: " ").first
        return state != "Z" && state != "X"
    }
}
