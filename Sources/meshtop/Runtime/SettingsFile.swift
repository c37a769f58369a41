import Dashboard
import Foundation
import Logging

/// The dashboard's remembered settings (`DashboardSettings`) in the state folder, beside the log:
/// `$XDG_STATE_HOME/meshtop/dashboard.json`, the user's alone (0600), replaced whole by a rename
/// so a crash or a second dashboard never leaves half a file. A file that cannot be read as
/// settings is ignored, with one line in the log: the dashboard starts on its defaults and
/// writes a good file at the next change.
struct SettingsFile {
    static let name = "dashboard.json"
    let path: String
    private let environment: [String: String]

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        path = StateFolder.path(environment: environment) + "/" + Self.name
    }

    /// The saved settings; nil when there are none yet or the file is damaged (logged).
    func load(logger: Logger) -> DashboardSettings? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try DashboardSettings(json: data)
        } catch {
            logger.warning("settings: \(path) is not readable as settings (\(data.count) bytes); ignored, defaults used")
            return nil
        }
    }

    /// Writes `settings` to a temporary file in the same folder, then renames it over the old one.
    func save(_ settings: DashboardSettings) throws {
        guard let folder = StateFolder.prepare(environment: environment) else { throw POSIXError(.EACCES) }
        var template = Array((folder + "/." + Self.name + ".XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let temporary = String(cString: template)
        var renamed = false
        defer { if !renamed { unlink(temporary) } }
        // mkstemp makes it 0600 already; said again in case a umask-less platform differs.
        fchmod(fd, 0o600)
        let data = settings.json
        let wrote = data.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n > 0 { done += n } else if n < 0, errno == EINTR { continue } else { return false }
            }
            return true
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard wrote, synced else { throw POSIXError(.EIO) }
        guard rename(temporary, path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        renamed = true
    }
}
