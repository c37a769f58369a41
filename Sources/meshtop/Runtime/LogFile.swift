import Foundation

/// The dashboard's log file, `$XDG_STATE_HOME/meshtop/meshtop.log` (default `~/.local/state`).
/// Never the screen: curses owns it. Appends under a lock because log calls come from any thread.
final class LogFile: @unchecked Sendable {
    let path: String
    private let handle: FileHandle?
    private let lock = NSLock()

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        _ = StateFolder.prepare(environment: environment)
        path = StateFolder.path(environment: environment) + "/meshtop.log"
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
    }

    func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        try? handle?.write(contentsOf: Data((line + "\n").utf8))
    }
}
