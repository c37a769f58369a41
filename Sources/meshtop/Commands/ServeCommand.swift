import ArgumentParser
import Dispatch
import Foundation
import MeshAPI
import MeshStandIn

/// `meshtop serve`: runs the local stand-in of the Mesh batch API until SIGINT or SIGTERM.
///
///     meshtop serve --port 8080 --keys ~/.config/meshtop/serve-keys --speed 60
struct ServeCommand: AsyncParsableCommand {
    /// TOKEN=OWNER pairs, separated by commas or newlines: keys without a file and out of argv.
    static let keysEnvironmentVariable = "MESHTOP_SERVE_KEYS"

    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the local Mesh batch API stand-in.",
        discussion: """
            Keys: give them with --keys FILE (TOKEN=OWNER lines) or in \(keysEnvironmentVariable) \
            (TOKEN=OWNER pairs separated by commas). --key puts the key in the command line, where \
            other users of this machine can read it with ps. With no key at all, one is minted and printed once.
            """)

    @Option(help: "Address to bind. Stays on loopback unless told otherwise.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
    @Option(name: .customLong("db"), help: "SQLite database file (default: $XDG_DATA_HOME/meshtop/standin.sqlite).")
    var databasePath: String?
    @Flag(help: "Keep everything in memory; nothing survives a restart.") var memory = false
    @Option(name: .customLong("keys"), help: "A file of TOKEN=OWNER lines (# starts a comment). Also: $\(keysEnvironmentVariable).")
    var keysFile: String?
    @Option(name: .customLong("key"), help: "An API key and its owner, TOKEN=OWNER (repeatable; visible to other users in ps: prefer --keys).")
    var keyPairs: [String] = []
    @Option(help: "Model catalog JSON file (default: the shipped catalog).") var catalog: String?
    @Option(help: "Simulated time runs N times faster.") var speed: Double = 1
    @Option(help: "Share of items that fail, 0...1.") var failureRate: Double = 0.02

    func validate() throws {
        guard speed > 0 else { throw ValidationError("--speed must be greater than 0.") }
        guard (0...1).contains(failureRate) else { throw ValidationError("--failure-rate must be within 0...1.") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be within 0...65535.") }
        if memory, databasePath != nil { throw ValidationError("--memory and --db exclude each other.") }
        // Checked here rather than in run() so a malformed pair gets serve's own usage line.
        var keys: [String: String] = [:]
        for pair in keyPairs { try Self.addKey(pair, to: &keys, origin: "--key") }
    }

    func run() async throws {
        var keys: [String: String] = [:]
        if !keyPairs.isEmpty {
            FileHandle.standardError.write(Data(
                "meshtop serve: warning: --key puts the key in the command line, which other users can read with ps; use --keys FILE or \(Self.keysEnvironmentVariable)\n".utf8))
        }
        for pair in keyPairs { try Self.addKey(pair, to: &keys, origin: "--key") }
        if let pairs = ProcessInfo.processInfo.environment[Self.keysEnvironmentVariable] {
            for pair in pairs.split(whereSeparator: { $0 == "," || $0.isNewline }) {
                let trimmed = pair.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { try Self.addKey(trimmed, to: &keys, origin: Self.keysEnvironmentVariable) }
            }
        }
        if let keysFile {
            let text = try String(contentsOfFile: keysFile, encoding: .utf8)
            for line in text.split(whereSeparator: \.isNewline) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                try Self.addKey(trimmed, to: &keys, origin: keysFile)
            }
        }
        if keys.isEmpty {
            // The one place a key is ever printed: the user needs it to talk to this server.
            let minted = Self.mintKey()
            keys[minted] = "local"
            print("No --key given; minted an API key for owner 'local': \(minted)")
        }

        let options = StandInOptions(
            host: host, port: port, databasePath: memory ? nil : (databasePath ?? Self.defaultDatabasePath()),
            keys: keys, catalogPath: catalog, speed: speed, failureRate: failureRate,
            requestLog: { line in FileHandle.standardError.write(Data((line + "\n").utf8)) })
        let server = try await StandInServer.start(options)
        let storage = options.databasePath ?? "memory"
        FileHandle.standardError.write(Data("meshtop serve: listening on \(server.baseURL) (store: \(storage), speed \(speed)x)\n".utf8))
        fflush(nil)  // the minted key must reach a pipe before we park
        await Self.waitForTerminationSignal()
        await server.stop()
    }

    private static func addKey(_ pair: String, to keys: inout [String: String], origin: String) throws {
        let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            // Never echo the pair: it holds a key.
            throw ValidationError("\(origin): expected TOKEN=OWNER.")
        }
        keys[parts[0]] = parts[1]
    }

    /// `rsk_` + 26 lowercase base32 characters, like Mesh's own keys.
    private static func mintKey() -> String {
        let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
        var generator = SystemRandomNumberGenerator()
        return "rsk_" + String((0..<26).map { _ in alphabet.randomElement(using: &generator)! })
    }

    private static func defaultDatabasePath() -> String {
        XDGFolder.data.path() + "/standin.sqlite"
    }

    /// Parks until SIGINT or SIGTERM, so the server can stop cleanly (the store is safe either way).
    private static func waitForTerminationSignal() async {
        let (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            // Dispatch signal sources only see a signal whose default action is ignored.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler { continuation.yield(signalNumber) }
            source.resume()
            sources.append(source)
        }
        for await _ in signals { break }
        sources.forEach { $0.cancel() }
    }
}
