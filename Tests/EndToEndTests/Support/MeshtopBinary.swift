import Foundation

/// The real `meshtop` built by `swift build`, found from this file's path so the tests work from
/// any directory.
enum MeshtopBinary {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static var path: String {
        let debug = packageRoot.appendingPathComponent(".build/debug/meshtop").path
        return debug
    }

    static var exists: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// An environment with private state/config folders and a terminal type ncurses knows.
    static func environment(baseURL: String, key: String, home: URL) -> [String: String] {
        var environment: [String: String] = [
            "MESH_API_KEY": key,
            "MESH_API_BASE_URL": baseURL,
            "HOME": home.path,
            "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        environment["NO_COLOR"] = nil
        return environment
    }

    static func temporaryHome() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("meshtop-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
