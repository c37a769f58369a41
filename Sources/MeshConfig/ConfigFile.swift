import Foundation
import MeshAPI
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
/// An unknown key (a typo, most often) is a warning that names the file, line and key; a known
/// key with a value of the wrong type is an error, since going on would quietly use a default.
public struct ConfigFile: Sendable, Equatable {
    public var defaultProfile: String?
    public var theme: String?
    public var profiles: [String: Profile]
    /// What to tell the user about the file without refusing it: unknown keys, with their lines.
    public var warnings: [String] = []
    /// Where the file was read from and who else may change it (nil for a configuration not read
    /// from a file): a `key_command` from a file others can change is refused.
    public var path: String?
    var exposure: FileExposure?

    static let topLevelKeys: Set<String> = ["default_profile", "theme", "profiles"]
    static let profileKeys: Set<String> = ["base_url", "key", "key_file", "key_command"]

    public init(defaultProfile: String? = nil, theme: String? = nil, profiles: [String: Profile] = [:]) {
        self.defaultProfile = defaultProfile
        self.theme = theme
        self.profiles = profiles
    }

    /// Profile names, sorted, for pickers and error messages.
    public var profileNames: [String] { profiles.keys.sorted() }

    /// Where the file lives for this environment.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        XDGFolder.config.path(environment: environment) + "/config.toml"
    }

    /// The file at `path`; an empty configuration when there is no file.
    public static func load(path: String) throws -> ConfigFile {
        guard FileManager.default.fileExists(atPath: path) else { return ConfigFile() }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError("cannot read \(path)")
        }
        var config = try parse(text, path: path)
        config.path = path
        config.exposure = FileExposure(path: path)
        if let exposure = config.exposure {
            let withKeys = config.profileNames.filter { config.profiles[$0]?.key != nil }
            if exposure.writableByOthers {
                config.warnings.append("\(path) can be changed by other users (mode \(exposure.modeText)): they decide which server and key meshtop uses, and a key_command from it is refused; chmod go-w \(path)")
            } else if exposure.readableByOthers && !withKeys.isEmpty {
                config.warnings.append("\(path) can be read by other users (mode \(exposure.modeText)) and holds the key of profile \(withKeys.joined(separator: ", ")): chmod 600 \(path), or move the key to key_file or key_command")
            }
        }
        return config
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
        let locator = ConfigKeyLocator(text: text)
        var config = ConfigFile()
        /// A string, or nothing; any other type is an error naming where it is.
        func string(_ table: TOMLTable, _ key: String, in tablePath: String) throws -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string else {
                let name = tablePath.isEmpty ? key : "\(tablePath).\(key)"
                throw ConfigError("\(locator.place(path, key: key, in: tablePath))\(name) must be a string (in quotes)")
            }
            return text
        }
        func warnUnknown(_ table: TOMLTable, known: Set<String>, in tablePath: String) {
            for key in table.keys.sorted() where !known.contains(key) {
                let name = tablePath.isEmpty ? key : "\(tablePath).\(key)"
                config.warnings.append(
                    "\(locator.place(path, key: key, in: tablePath))unknown key \(name) (known: \(known.sorted().joined(separator: ", "))); ignored")
            }
        }
        warnUnknown(table, known: Self.topLevelKeys, in: "")
        config.defaultProfile = try string(table, "default_profile", in: "")
        config.theme = try string(table, "theme", in: "")
        if let value = table["profiles"] {
            guard let profiles = value.table else {
                throw ConfigError("\(locator.place(path, key: "profiles", in: ""))profiles must be a table of [profiles.NAME] tables")
            }
            for name in profiles.keys.sorted() {
                let tablePath = "profiles.\(name)"
                guard let entry = profiles[name]?.table else {
                    throw ConfigError("\(path): \(tablePath) must be a table")
                }
                warnUnknown(entry, known: Self.profileKeys, in: tablePath)
                config.profiles[name] = Profile(
                    baseURL: try string(entry, "base_url", in: tablePath), key: try string(entry, "key", in: tablePath),
                    keyFile: try string(entry, "key_file", in: tablePath),
                    keyCommand: try string(entry, "key_command", in: tablePath))
            }
        }
        return config
    }
}
