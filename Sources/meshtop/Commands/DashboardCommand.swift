import ArgumentParser
import Dashboard
import Foundation
import Logging
import MeshAPI
import MeshConfig
import TerminalUI

/// `meshtop [--demo] [--profile NAME] [--interval S] [--theme NAME] [--no-color] [--readonly] [--bell] [--once]`
/// The live dashboard, the default command.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "The live dashboard (the default).")

    @Flag(help: "Run against an in-process stand-in with a live workload (no key needed).")
    var demo = false
    @Option(help: "Seconds between polls (default 2, or the pace last chosen); + and - change it while running.")
    var interval: Double?
    @Flag(help: "Never cancel anything: the cancel key is not offered.")
    var readonly = false
    @Option(help: "The config.toml profile to use.", completion: ShellCompletions.profiles)
    var profile: String?
    @Option(name: .customLong("base-url"), help: "Override the API base URL (without /v1).")
    var baseURL: String?
    @Option(help: "Theme name: default, dark, light, high-contrast, monochrome, or one of yours.", completion: ShellCompletions.themes)
    var theme: String?
    @Flag(name: .customLong("no-color"), help: "Monochrome: attributes only (also when NO_COLOR is set).")
    var noColor = false
    @Flag(help: "Ring the terminal bell when a watched batch ends.")
    var bell = false
    @Flag(help: "Print one frame as plain text once data has arrived, then exit (no curses).")
    var once = false
    @Option(name: .customLong("results-limit"), help: ArgumentHelp(
        "Most item results one batch may bring, in GiB (they stream to a spool file).", valueName: "GiB"))
    var resultsLimit: Double = 2

    func validate() throws {
        if let interval, !(0.2...3600).contains(interval) { throw ValidationError("--interval must be between 0.2 and 3600 seconds") }
        guard resultsLimit > 0, resultsLimit <= 1024 else { throw ValidationError("--results-limit must be between 0 and 1024 GiB") }
    }

    func run() async throws {
        let logger = Self.bootstrapLogging()
        let environment = ProcessInfo.processInfo.environment
        var config = ConfigFile()
        var api: any BatchAPI
        var label: String
        var profileName: String?
        var switcher: ProfileSwitcher?
        var demoSession: DemoSession?

        if demo {
            let session = try await DemoSession.start(logger: logger)
            demoSession = session
            api = session.api
            label = "demo (\(session.baseURL))"
        } else {
            let resolver: ConnectionResolver
            let connection: ResolvedConnection
            do {
                resolver = try ConnectionResolver.fromEnvironment(environment)
                connection = try resolver.resolve(profile: profile, baseURLOverride: baseURL)
            } catch let error as ConfigError {
                // A configuration problem is a usage error (exit 2), said before the screen is taken,
                // in the same words and with the same code as the `batches` commands.
                throw CommandFailure.usage(error.message).report()
            }
            config = resolver.config
            for warning in config.warnings {
                OutputTerminal.errorLine("meshtop: warning: \(warning)")
                logger.warning("\(warning)")
            }
            let resultsBytes = Int64(resultsLimit * 1024 * 1024 * 1024)
            api = MeshClient(configuration: Self.dashboardConfiguration(connection, resultsBytes: resultsBytes))
            profileName = connection.profile
            label = Self.label(connection, defaultProfile: config.defaultProfile)
            let override = baseURL
            switcher = { name in
                let connection = try resolver.resolve(profile: name, baseURLOverride: override)
                return (MeshClient(configuration: Self.dashboardConfiguration(connection, resultsBytes: resultsBytes)),
                        Self.label(connection))
            }
        }
        logger.info("dashboard for \(label)")

        // What the last run remembered; a flag given now wins over it, and it over config.toml.
        // `--once` is a grab of the screen as configured, so it reads nothing remembered.
        let settingsFile = SettingsFile(environment: environment)
        let saved = once ? nil : settingsFile.load(logger: logger)
        let loader = ThemeLoader(environment: environment)
        let themeName = theme ?? saved?.theme.flatMap { loader.availableNames.contains($0) ? $0 : nil } ?? config.theme ?? "default"
        let loaded = loader.load(themeName)
        let color = !noColor && (environment["NO_COLOR"] ?? "").isEmpty
        var options = DashboardOptions(
            endpointLabel: label, profileName: profileName, profiles: config.profileNames,
            readonly: readonly, bell: bell,
            themes: loader.availableNames, themeName: loaded.warning == nil ? themeName : "default")
        options.profileBaseURLs = Dictionary(uniqueKeysWithValues: config.profileNames.map { name in
            (name, baseURL ?? config.profiles[name]?.baseURL ?? MeshClientConfiguration.defaultBaseURL)
        })

        if once {
            let size = Self.onceSize(environment)
            // The demo's stand-in starts empty: one frame of it is worth taking once the workload's
            // first batches are in.
            await demoSession?.waitForFirstBatches()
            var grab = options
            grab.screenGrab = true
            let state = DashboardState(options: grab, pollInterval: interval ?? 2, now: Date(), width: size.columns, height: size.rows)
            let (text, gotData) = await OnceRunner.run(state: state, api: api)
            print(trimmingTrailingBlankRows(text), terminator: "")
            if let demoSession {
                await demoSession.stop()
            } else if let client = api as? MeshClient {
                await client.shutdown()
            }
            if !gotData { throw ExitCode(1) }
            return
        }

        var state = DashboardState(options: options, pollInterval: interval ?? 2, now: Date())
        if let saved { state.remember(saved, pace: interval == nil) }
        let theme = color ? loaded.theme : loaded.theme.withoutColor
        let runtime = await MainActor.run {
            DashboardRuntime(state: state, api: api, themeLoader: loader, color: color,
                             initialThemeWarning: loaded.warning, switchProfile: switcher,
                             settingsFile: settingsFile, logger: logger)
        }
        do {
            try await MainActor.run { try runtime.start(theme: theme) }
        } catch {
            await MainActor.run { runtime.restoreTerminal() }
            logger.error("cannot start the dashboard: \(error)")
            throw error
        }
        // The async main already drains the main queue with dispatchMain(); this task now waits
        // without a timer or thread while the sources run the program. Every way out calls exit().
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            ParkedMain.shared.hold(continuation)
        }
        _ = demoSession
    }

    /// Polls never overlap, so one hung request stalls the view: the dashboard gives each attempt
    /// 10 s (the client's default is 60 s, meant for scripts) and shows the failure sooner.
    private static func dashboardConfiguration(_ connection: ResolvedConnection, resultsBytes: Int64) -> MeshClientConfiguration {
        var configuration = connection.clientConfiguration()
        configuration.requestTimeout = .seconds(10)
        configuration.maxResultsBytes = resultsBytes
        return configuration
    }

    /// The header's endpoint label. With MESH_API_KEY set and a default_profile in the file, the
    /// environment wins, and the header says so: the profile someone expects is not in use.
    static func label(_ connection: ResolvedConnection, defaultProfile: String? = nil) -> String {
        if let profile = connection.profile { return "\(profile) (\(connection.baseURL))" }
        guard let defaultProfile else { return connection.baseURL }
        return "\(connection.baseURL) (MESH_API_KEY, not default_profile \(defaultProfile))"
    }

    /// --once renders at the terminal's size when there is one, else $COLUMNS x $LINES, else 120x40.
    private static func onceSize(_ environment: [String: String]) -> (rows: Int, columns: Int) {
        if let size = Terminal.kernelSize(), size.rows > 0, size.columns > 0 { return size }
        let columns = environment["COLUMNS"].flatMap(Int.init) ?? 120
        let rows = environment["LINES"].flatMap(Int.init) ?? 40
        return (rows, columns)
    }

    /// Logs to $XDG_STATE_HOME/meshtop/meshtop.log; curses owns the screen. Other libraries' chatter
    /// (the in-process stand-in's request logs) only at warning and above.
    private static func bootstrapLogging() -> Logger {
        let file = LogFile()
        LoggingSystem.bootstrap { label in
            var handler = FileLogHandler(label: label, file: file)
            // MESHTOP_LOG=trace logs every effect the runtime runs.
            let level = ProcessInfo.processInfo.environment["MESHTOP_LOG"].flatMap(Logger.Level.init(rawValue:))
            handler.logLevel = label.hasPrefix("meshtop") ? (level ?? .info) : .warning
            return handler
        }
        return Logger(label: "meshtop")
    }
}
