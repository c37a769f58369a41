import Foundation

/// One tmux session on a private socket, holding a program in a pane of a fixed size.
/// The program runs under `sh -c` followed by an exit marker, so after it quits the pane shows what
/// the shell shows and the test can read the exit status.
final class TmuxPane {
    let socket: String
    private let tmux: String
    private let session = "e2e"
    static let exitMarker = "E2E-EXITED:"

    struct Timeout: Error, CustomStringConvertible {
        var description: String
    }

    /// `terminal` sets tmux's `default-terminal`, the TERM the program in the pane sees (an `-e TERM=`
    /// does not: tmux sets TERM itself). nil keeps tmux's default, tmux-256color here.
    init(command: [String], width: Int, height: Int, environment: [String: String], terminal: String? = nil) async throws {
        guard let tmux = ProcessRunner.which("tmux") else { throw Timeout(description: "tmux is not installed") }
        self.tmux = tmux
        socket = NSTemporaryDirectory() + "meshtop-e2e-\(UUID().uuidString.prefix(8)).sock"
        let quoted = command.map(Self.shellQuote).joined(separator: " ")
        let script = "\(quoted); echo \(Self.exitMarker)$?; exec sleep 600"
        var arguments = ["-S", socket, "-f", "/dev/null"]
        // The server starts with the first command; the option must be set before the pane exists.
        if let terminal { arguments += ["start-server", ";", "set-option", "-g", "default-terminal", terminal, ";"] }
        arguments += ["new-session", "-d", "-s", session,
                         "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments += ["/bin/sh", "-c", script]
        // The server hands its own environment to the pane besides the `-e` variables, and `swift test`
        // runs the tests with NO_COLOR=1: started as it is, every dashboard in a pane was monochrome.
        let result = await ProcessRunner.system("/usr/bin/env", ["-u", "NO_COLOR", tmux] + arguments)
        guard result.status == 0 else { throw Timeout(description: "tmux new-session failed: \(result.errorOutput)") }
        // A window keeps the size the test asked for even with no client attached.
        _ = await ProcessRunner.system(tmux, ["-S", socket, "set-option", "-t", session, "window-size", "manual"])
    }

    func capture() async -> String {
        await ProcessRunner.system(tmux, ["-S", socket, "capture-pane", "-p", "-t", session]).output
    }

    /// The pane with the attributes and colours its cells are drawn with (`capture-pane -e`).
    func captureStyled() async -> StyledCapture {
        StyledCapture(await ProcessRunner.system(tmux, ["-S", socket, "capture-pane", "-e", "-p", "-t", session]).output)
    }

    /// tmux key names: "Enter", "Escape", "Down", "C-c", or plain characters.
    func send(_ keys: String...) async {
        _ = await ProcessRunner.system(tmux, ["-S", socket, "send-keys", "-t", session] + keys)
    }

    func type(_ text: String) async {
        _ = await ProcessRunner.system(tmux, ["-S", socket, "send-keys", "-t", session, "-l", text])
    }

    func resize(width: Int, height: Int) async {
        _ = await ProcessRunner.system(tmux, ["-S", socket, "resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// A tmux format about the pane ("#{cursor_flag}", "#{mouse_any_flag}"), as tmux expands it.
    func display(_ format: String) async -> String {
        await ProcessRunner.system(tmux, ["-S", socket, "display-message", "-p", "-t", session, format]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True while the program holds the alternate screen (curses mode).
    var alternateScreen: Bool {
        get async {
            let value = await ProcessRunner.system(tmux, ["-S", socket, "display-message", "-p", "-t", session, "#{alternate_on}"]).output
            return value.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
        }
    }

    /// Polls the screen until `condition` holds; throws with the last screen when time runs out.
    /// Sleeps with `Task.sleep`: a blocked cooperative thread would starve the in-process stand-in
    /// that the dashboard in the pane is waiting on (on 2 cores the pool has 2 threads).
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 15, _ condition: (String) -> Bool) async throws -> String {
        if let trace = ProcessInfo.processInfo.environment["MESHTOP_E2E_TRACE"] {
            try? (what + "\n").write(toFile: trace, atomically: false, encoding: .utf8)
        }
        let deadline = Date().addingTimeInterval(timeout)
        var screen = await capture()
        while !condition(screen) {
            guard Date() < deadline else {
                throw Timeout(description: "timed out after \(timeout)s waiting for \(what); screen:\n\(screen)")
            }
            try await Task.sleep(for: .milliseconds(100))
            screen = await capture()
        }
        return screen
    }

    @discardableResult
    func waitFor(text: String, timeout: Double = 15) async throws -> String {
        try await waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// tmux takes a program's OSC 52 into its paste buffer (`set-clipboard on`), as it does for a
    /// person's dashboard whose copies should reach the clipboard through tmux.
    func takeClipboard() async {
        _ = await ProcessRunner.system(tmux, ["-S", socket, "set-option", "-s", "set-clipboard", "on"])
    }

    /// The newest paste buffer: what the program's last OSC 52 set, base64 decoded by tmux ("" when none).
    func pasteBuffer() async -> String {
        await ProcessRunner.system(tmux, ["-S", socket, "show-buffer"]).output
    }

    /// Blocking, so it can run from `defer`; it takes milliseconds and waits on nothing in this process.
    func kill() {
        _ = ProcessRunner.blockingSystem(tmux, ["-S", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    private static func shellQuote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
