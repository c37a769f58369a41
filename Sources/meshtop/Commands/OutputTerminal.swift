import Foundation
import MeshAPI
#if canImport(Glibc)
import Glibc
#endif

/// What the process is writing to: a terminal or a pipe, how wide, whether colour is welcome.
enum OutputTerminal {
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }
    static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }

    /// Colour only on a terminal, never under NO_COLOR (https://no-color.org) or TERM=dumb.
    static var colourOnStdout: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return stdoutIsTTY
    }

    /// Columns to fit tables into: the terminal's width, else $COLUMNS, else no limit (a pipe
    /// should get whole values, not truncated ones).
    static var width: Int? {
        var size = winsize()
        if stdoutIsTTY, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return nil
    }

    /// One line of human text on stdout, escaped by `TerminalText` (whatever part of it came from
    /// the server), then ended with a newline. Messages go through here rather than
    /// `standardOutput`, which writes what it is given: JSON, and tables that escaped their cells.
    static func outputLine(_ line: String) {
        standardOutput(TerminalText.escaped(line) + "\n")
    }

    /// One line of human text on stderr (messages, errors, prompts), escaped like `outputLine`;
    /// `ending` is written after it as it is ("" for a prompt).
    static func errorLine(_ line: String, ending: String = "\n") {
        standardError(TerminalText.escaped(line) + ending)
    }

    static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
