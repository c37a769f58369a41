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

            Upstream: with --upstream URL (an OpenAI-compatible base URL with its /v1, e.g. llama.cpp's \
            http://127.0.0.1:8080/v1, vLLM's http://127.0.0.1:8000/v1, Ollama's http://127.0.0.1:11434/v1) \
            every item is POSTed to URL/chat/completions and its real answer is the item's result. \
            --upstream 'llama*=URL' sends the models matching a glob elsewhere. The upstream's key comes \
            from the environment variable named by --upstream-key-env. Items in flight when the server \
            is killed are sent again after a restart (at-least-once).
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
    @Option(help: "Simulated time runs N times faster (default 1; not with --upstream).") var speed: Double?
    @Option(help: "Share of items that fail, 0...1 (default 0.02; not with --upstream).") var failureRate: Double?
    @Option(help: ArgumentHelp("Send items to an OpenAI-compatible server: URL, or MODEL_PATTERN=URL (repeatable; * is a wildcard).",
                               valueName: "[PATTERN=]URL"))
    var upstream: [String] = []
    @Option(help: ArgumentHelp("The environment variable holding the upstream's API key (never give the key itself).",
                               valueName: "VAR"))
    var upstreamKeyEnv: String?
    @Option(help: "With --upstream: items in flight at each upstream server, across all batches (default 4).") var concurrency: Int?
    @Option(help: "With --upstream: items of one batch in flight (default: --concurrency).") var batchConcurrency: Int?
    @Option(help: "With --upstream: seconds one item may take, retries included, time held for a down upstream not (default 600).")
    var itemTimeout: Double?
    @Option(help: ArgumentHelp(
        "With --upstream: seconds a request may wait for its answer to begin before it is given up and sent again (default \(Int(UpstreamOptions.defaultFirstByteTimeoutSeconds))). A non-streamed answer begins when it is complete: keep this above the longest generation.",
        valueName: "SECONDS"))
    var firstByteTimeout: Double?
    @Option(help: "Retry-After seconds of a 429 for the 10-batch limit (default: 30 s of the stand-in's clock).")
    var limitRetryAfter: Int?

    @Option(help: ArgumentHelp(
        "Connections open at once; past it a new connection is closed unanswered (default \(StandInOptions.defaultMaxConnections)). Idle and slow clients each hold one for up to a minute, so a cap keeps the rest answered and the process within its descriptors.",
        valueName: "N"))
    var maxConnections: Int?

    func validate() throws {
        if !upstream.isEmpty {
            // Real requests take real time, and their failures are the upstream's own.
            if speed != nil { throw ValidationError("--speed simulates time and cannot be used with --upstream.") }
            if failureRate != nil { throw ValidationError("--failure-rate simulates failures and cannot be used with --upstream.") }
            for value in upstream {
                do { _ = try UpstreamRoute.parse(value) } catch { throw ValidationError("\(error)") }
            }
        } else if upstreamKeyEnv != nil || concurrency != nil || batchConcurrency != nil || itemTimeout != nil
            || firstByteTimeout != nil
        {
            throw ValidationError(
                "--upstream-key-env, --concurrency, --batch-concurrency, --item-timeout and --first-byte-timeout need --upstream.")
        }
        guard (speed ?? 1) > 0 else { throw ValidationError("--speed must be greater than 0.") }
        guard (0...1).contains(failureRate ?? 0) else { throw ValidationError("--failure-rate must be within 0...1.") }
        guard (concurrency ?? 1) >= 1, (batchConcurrency ?? 1) >= 1 else {
            throw ValidationError("--concurrency and --batch-concurrency must be at least 1.")
        }
        guard (limitRetryAfter ?? 1) >= 1, (limitRetryAfter ?? 1) <= 86_400 else {
            throw ValidationError("--limit-retry-after must be within 1...86400 seconds.")
        }
        guard (itemTimeout ?? 1) > 0, (itemTimeout ?? 1) <= 86_400 else {
            throw ValidationError("--item-timeout must be more than 0 and at most 86400 seconds.")
        }
        guard (firstByteTimeout ?? 1) > 0, (firstByteTimeout ?? 1) <= 86_400 else {
            throw ValidationError("--first-byte-timeout must be more than 0 and at most 86400 seconds.")
        }
        guard (maxConnections ?? 1) >= 1 else { throw ValidationError("--max-connections must be at least 1.") }
        if let upstreamKeyEnv {
            guard let value = ProcessInfo.processInfo.environment[upstreamKeyEnv], !value.isEmpty else {
                throw ValidationError("--upstream-key-env \(upstreamKeyEnv): that environment variable is not set.")
            }
        }
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

        // The request log leaves from a queue of its own: a slow or paused stderr never holds an answer.
        let requestLog = BufferedLineWriter(fileDescriptor: STDERR_FILENO)
        defer { requestLog.flush() }
        var upstreamOptions: UpstreamOptions?
        if !upstream.isEmpty {
            upstreamOptions = UpstreamOptions(
                routes: try upstream.map(UpstreamRoute.parse),
                apiKey: upstreamKeyEnv.flatMap { ProcessInfo.processInfo.environment[$0] },
                concurrency: concurrency ?? 4, itemTimeoutSeconds: itemTimeout ?? 600,
                firstByteTimeoutSeconds: firstByteTimeout ?? UpstreamOptions.defaultFirstByteTimeoutSeconds,
                warn: { line in FileHandle.standardError.write(Data("meshtop serve: warning: \(line)\n".utf8)) },
                // Upstream events go out with the request log, in order with the requests around them.
                log: requestLog.write)
        }
        let options = StandInOptions(
            host: host, port: port, databasePath: memory ? nil : (databasePath ?? Self.defaultDatabasePath()),
            keys: keys, catalogPath: catalog, speed: speed ?? 1, failureRate: failureRate ?? 0.02,
            itemConcurrency: upstreamOptions == nil ? 4 : (batchConcurrency ?? concurrency ?? 4),
            requestLog: requestLog.write, upstream: upstreamOptions,
            limitRetryAfterSeconds: limitRetryAfter, maxConnections: maxConnections ?? StandInOptions.defaultMaxConnections)
        let server = try await StandInServer.start(options)
        let storage = options.databasePath ?? "memory"
        // Routes by pattern only: a URL may carry credentials, and the key is never said.
        let mode = upstreamOptions.map { "upstream: \($0.routes.count) route(s), \($0.concurrency) in flight" } ?? "speed \(speed ?? 1)x"
        FileHandle.standardError.write(Data("meshtop serve: listening on \(server.baseURL) (store: \(storage), \(mode))\n".utf8))
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
