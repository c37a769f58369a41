import Foundation

/// The dashboard's log file, `$XDG_STATE_HOME/meshtop/meshtop.log` (default `~/.local/state`).
/// Never the screen: curses owns it.
///
/// Two dashboards (two terminals, or a dashboard and `--demo`) share the file. Each line is one
/// `write(2)` on a descriptor opened with `O_APPEND`, so the kernel moves to the end and writes in
/// one step: lines from several processes and threads interleave whole, never cut into each other
/// (a seek to the end at open, then plain writes, made each process overwrite the other's lines).
final class LogFile: Sendable {
    let path: String
    /// -1 when the file could not be opened: logging is then silently off, as it was before.
    private let descriptor: Int32

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        _ = StateFolder.prepare(environment: environment)
        path = StateFolder.path(environment: environment) + "/meshtop.log"
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Appends `line` and its newline in one `write(2)`. A short write (a full disk) is not continued:
    /// the rest would be a second write that another process's line could land before.
    func write(_ line: String) {
        guard descriptor >= 0 else { return }
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        while true {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written >= 0 || errno != EINTR { return }
        }
    }
}
