import ArgumentParser
import MeshAPI
import MeshConfig

/// The options every command that talks to Mesh shares: which profile, which server, how long to wait.
///
///     @OptionGroup var client: ClientOptions
///     let (api, _) = try client.makeClient()   // call `await api.shutdown()` when done
struct ClientOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Profile from config.toml ([profiles.NAME]); overrides MESH_API_KEY.", valueName: "name"), completion: ShellCompletions.profiles)
    var profile: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Server to talk to, without /v1 (overrides the profile and MESH_API_BASE_URL).", valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("Seconds allowed to open a connection.", valueName: "seconds"))
    var connectTimeout: Double = 10

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Seconds allowed for one request.", valueName: "seconds"))
    var requestTimeout: Double = 60

    func validate() throws {
        guard connectTimeout > 0, requestTimeout > 0 else { throw ClientSession.fail(.usage("timeouts must be positive")) }
    }

    /// Where to connect and with which key (see `ConnectionResolver` for the order of sources).
    /// Throws `ConfigError` (safe to print) when no key can be found or the base URL is unusable;
    /// the config file's warnings (unknown keys) go to stderr.
    func resolveConnection() throws -> ResolvedConnection {
        let resolver = try ConnectionResolver.fromEnvironment()
        for warning in resolver.config.warnings { OutputTerminal.errorLine("warning: \(warning)") }
        return try resolver.resolve(profile: profile, baseURLOverride: baseURL)
    }

    /// A ready client and the connection it was made for. The caller owns the client and must
    /// `await client.shutdown()` when done.
    func makeClient() throws -> (MeshClient, ResolvedConnection) {
        let connection = try resolveConnection()
        var configuration = connection.clientConfiguration()
        configuration.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
        configuration.requestTimeout = .milliseconds(Int64(requestTimeout * 1000))
        // Retries are said as they happen, so a command that waits is seen to be waiting.
        configuration.onRetry = { OutputTerminal.errorLine("meshtop: \($0)") }
        return (MeshClient(configuration: configuration), connection)
    }
}
