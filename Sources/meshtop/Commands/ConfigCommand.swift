import ArgumentParser
import Dashboard
import Foundation
import MeshAPI
import MeshConfig

/// `meshtop config`: which connection meshtop would use and why, and where its files are, like
/// `gh auth status`. It names where the key comes from, never the key.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Show the profile, base URL and key source in use, and meshtop's paths.",
        discussion: """
            Sources, strongest first: --profile NAME, then MESH_API_KEY (with MESH_API_BASE_URL), then the
            config file's default_profile. A profile's key_command is not run unless --run-key-command asks
            (it may prompt, or be slow): the line then says where the key would come from. Exit codes: 0 a key
            was found (or would be asked of key_command), 2 none was (the lines still show).
            """)

    @Option(help: ArgumentHelp("Profile from config.toml ([profiles.NAME]); overrides MESH_API_KEY.", valueName: "name"), completion: ShellCompletions.profiles)
    var profile: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Server to talk to, without /v1.", valueName: "url"))
    var baseURL: String?

    @Flag(name: .customLong("run-key-command"), help: "Run the profile's key_command to check that it gives a key.")
    var runKeyCommand = false

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let configPath = ConfigFile.defaultPath(environment: environment)
        var lines: [(String, String)] = []
        var problem: String?
        var config = ConfigFile()
        do {
            var resolver = try ConnectionResolver.fromEnvironment(environment)
            resolver.runsKeyCommand = runKeyCommand
            config = resolver.config
            let connection = try resolver.resolve(profile: profile, baseURLOverride: baseURL)
            lines.append(("profile", connection.profile ?? "none (the key is MESH_API_KEY)"))
            lines.append(("key from", connection.keySource))
            lines.append(("base URL", "\(connection.baseURL) (from \(connection.baseURLSource))"))
        } catch let error as ConfigError {
            problem = error.message
        }
        let exists = FileManager.default.fileExists(atPath: configPath)
        lines.append(("config", configPath + (exists ? "" : " (no such file: defaults apply)")))
        if !config.profileNames.isEmpty { lines.append(("profiles", config.profileNames.joined(separator: ", "))) }
        lines.append(("theme", config.theme.map { "\($0) (config.toml)" } ?? "default"))
        lines.append(("themes", XDGFolder.config.path(environment: environment) + "/themes"))
        lines.append(("log", StateFolder.path(environment: environment) + "/meshtop.log"))
        lines.append(("state", StateFolder.path(environment: environment)))
        let width = lines.map { TextWidth.of($0.0) }.max() ?? 0
        for (name, value) in lines {
            OutputTerminal.outputLine(TextWidth.fit(name, to: width) + "  " + value)
        }
        for warning in config.warnings { OutputTerminal.errorLine("warning: \(warning)") }
        if let problem { throw CommandFailure.usage(problem).report() }
    }
}
