import Foundation
import TOMLKit

/// `$XDG_CONFIG_HOME/meshtop/config.toml` (or `~/.config/meshtop/config.toml`):
///
///     default_profile = "work"
///     theme = "dark"
///
///     [profiles.work]
///     base_url = "https://api.meshapi.ai"
///     key_command = "pass show mesh/work"
///
/// Unknown keys are ignored so that other parts of meshtop can add settings freely.
public struct ConfigFile: Sendable, Equatable {
    public var defaultProfile: String?
    public var theme: String?
    public var profiles: [String: Profile]

    public init(defaultProfile: String? = nil, theme: String? = nil, profiles: [String: Profile] = [:]) {
        self.defaultProfile = defaultProfile
        self.theme = theme
        self.profiles = profiles
    }

    /// Profile names, sorted, for pickers and error messages.
    public var profileNames: [String] { profiles.keys.sorted() }

    /// Where the file lives for this environment.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/meshtop/config.toml" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.config/meshtop/config.toml"
    }

    /// The file at `path`; an empty configuration when there is no file.
    public static func load(path: String) throws -> ConfigFile {
        guard FileManager.default.fileExists(atPath: path) else { return ConfigFile() }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError("cannot read \(path)")
        }
        return try parse(text, path: path)
    }

    /// The file for this environment (see `defaultPath`).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConfigFile {
        try load(path: defaultPath(environment: environment))
    }

    public static func parse(_ text: String, path: String = "config.toml") throws -> ConfigFile {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            // Only the position: the offending text could be a key pasted in the wrong place.
            throw ConfigError("\(path): not valid TOML (line \(error.source.begin.line), column \(error.source.begin.column))")
        }
        var config = ConfigFile()
        config.defaultProfile = table["default_profile"]?.string
        config.theme = table["theme"]?.string
        if let profiles = table["profiles"]?.table {
            for name in profiles.keys {
                guard let entry = profiles[name]?.table else {
                    throw ConfigError("\(path): profiles.\(name) must be a table")
                }
                config.profiles[name] = Profile(
                    baseURL: entry["base_url"]?.string, key: entry["key"]?.string,
                    keyFile: entry["key_file"]?.string, keyCommand: entry["key_command"]?.string)
            }
        }
        return config
    }
}
