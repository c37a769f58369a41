import Foundation
import MeshAPI

/// meshtop's state folder, `$XDG_STATE_HOME/meshtop` (default `~/.local/state/meshtop`): the log,
/// and the unnamed file that holds item results while the dashboard runs. Nothing else is written
/// outside the current directory.
enum StateFolder {
    /// The folder's path, created when missing; nil when it cannot be created.
    static func prepare(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let path = self.path(environment: environment)
        // The log quotes batch ids and server messages, and the result spool holds answers: the
        // user's alone (an existing folder keeps the mode its owner gave it).
        try? FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue ? path : nil
    }

    static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        XDGFolder.state.path(environment: environment)
    }
}
