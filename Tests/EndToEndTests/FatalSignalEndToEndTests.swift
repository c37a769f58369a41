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
}
