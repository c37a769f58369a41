import Foundation
import MeshAPI
import Testing
import MeshtopTestSupport

/// Every `meshtop batches` command, run as the real binary against the stand-in over loopback.
/// Needs the built binary: `swift build` first (scripts/test does); without it these tests fail, never skip.
@Suite(.serialized)
struct CommandLineTests {
    static func writeFile(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "meshtop-test-\(UUID().uuidString).jsonl"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func line(_ id: String, model: String = "openai/gpt-4o-mini") -> String {
        #"{"custom_id": "\#(id)", "body": {"model": "\#(model)", "messages": [{"role": "user", "content": "hi"}]}}"#
    }

    /// A fresh XDG_CONFIG_HOME holding `meshtop/config.toml` with `toml`; answers its path.
    static func configHome(_ toml: String) throws -> String {
        let home = NSTemporaryDirectory() + "meshtop-xdg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home + "/meshtop", withIntermediateDirectories: true)
        try toml.write(toFile: home + "/meshtop/config.toml", atomically: true, encoding: .utf8)
        return home
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test func listInHumanAndJSON() async throws {
        let harness = try await ClientHarness.start()
        let first = try await harness.client.createBatch(ClientHarness.request(metadata: ["project": "alpha"]))
        let second = try await harness.client.createBatch(ClientHarness.request())
        let human = try await harness.meshtop("batches", "list")
        let json = try await harness.meshtop("batches", "list", "--json")
        let filtered = try await harness.meshtop("batches", "list", "--status", "no_such_status")
        await harness.stop()

        #expect(human.code == 0)
        let lines = human.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID") == true && lines.first?.contains("STATUS") == true)
        // Newest first, one row each, aligned, and no colour codes in a pipe.
        #expect(lines.count == 3 && lines[1].hasPrefix(second.id) && lines[2].hasPrefix(first.id))
        #expect(human.stdout.contains("project=alpha"))
        #expect(!human.stdout.contains("\u{1B}["))
        let list = try Self.json(json.stdout)
        #expect(list["object"] == .string("list"))
        #expect(list["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [second.id, first.id])
        // Raw objects: fields as the server sent them, nulls included.
        #expect(list["data"]?[0]?["usage_synced"] != nil)
        // An unknown status is a usage error, not an empty list that reads as "none".
        #expect(filtered.code == 2 && filtered.stdout.isEmpty && filtered.stderr.contains("no_such_status"))
    }

    @Test func listPagesPastOneHundred() async throws {
        let harness = try await ClientHarness.start()
        for _ in 0..<105 { _ = try await harness.client.createBatch(ClientHarness.request(count: 1)) }
        let all = try await harness.meshtop("batches", "list", "--all", "--json")
        let limited = try await harness.meshtop("batches", "list", "--limit", "101", "--json")
        let firstPage = try await harness.meshtop("batches", "list", "--json")
        await harness.stop()

        let ids = try Self.json(all.stdout)["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        #expect(ids.count == 105 && Set(ids).count == 105)
        #expect(ids == ids.sorted(by: >))
        #expect(try Self.json(limited.stdout)["data"]?.arrayValue?.count == 101)
        #expect(try Self.json(limited.stdout)["has_more"] == .bool(true))
        #expect(try Self.json(firstPage.stdout)["data"]?.arrayValue?.count == 20)
    }

    @Test func createGetWaitResults() async throws {
        let harness = try await ClientHarness.start()
        let file = try Self.writeFile([Self.line("a"), Self.line("b"), Self.line("c")].joined(separator: "\n") + "\n")
        let created = try await harness.meshtop("batches", "create", file, "--metadata", "project=q2", "--window", "24h")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let waited = try await harness.meshtop("batches", "wait", id, "--interval", "0.1", "--timeout", "60")
        let get = try await harness.meshtop("batches", "get", id)
        let getJSON = try await harness.meshtop("batches", "get", id, "--json")
        let results = try await harness.meshtop("batches", "results", id)
        let resultsJSONL = try await harness.meshtop("batches", "results", id, "--jsonl")
        let failedOnly = try await harness.meshtop("batches", "results", id, "--failed", "--jsonl")
        await harness.stop()

        #expect(created.code == 0 && id.hasPrefix("batch_"), "\(created.stderr)")
        #expect(waited.code == 0 && waited.stdout == "\(id) completed\n", "\(waited.stderr)")
        #expect(get.code == 0 && get.stdout.contains("completed") && get.stdout.contains("metadata.project  q2"))
        let batch = try Self.json(getJSON.stdout)
        #expect(batch["id"] == .string(id) && batch["results"]?.arrayValue?.count == 3)
        #expect(results.code == 0 && results.stdout.split(separator: "\n").count == 4)
        #expect(results.stdout.contains("succeeded"))
        let lines = resultsJSONL.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(try lines.map { try Self.json(String($0))["custom_id"]?.stringValue } == ["a", "b", "c"])
        #expect(failedOnly.code == 0 && failedOnly.stdout.isEmpty)
    }

    @Test func cancelAsksOrNeedsYesAndWaitReportsCancelled() async throws {
        let harness = try await ClientHarness.start(speed: 1)
        let batch = try await harness.client.createBatch(ClientHarness.request(count: 50))
        let refused = try await harness.meshtop("batches", "cancel", batch.id)
        let cancelled = try await harness.meshtop("batches", "cancel", batch.id, "--yes")
        let again = try await harness.meshtop("batches", "cancel", batch.id, "--yes", "--json")
        let waited = try await harness.meshtop("batches", "wait", batch.id, "--interval", "0.2", "--timeout", "30")
        let conflict = try await harness.meshtop("batches", "cancel", batch.id, "--yes")
        await harness.stop()

        #expect(refused.code == 2 && refused.stderr.contains("--yes"))
        #expect(cancelled.code == 0 && cancelled.stdout.hasPrefix("\(batch.id) cancel"))
        // A second cancel answers the batch as it is while it is still cancelling, or 409 once the
        // in-flight items have finished and it is cancelled: both are right, depending on timing.
        if again.code == 0 {
            #expect((try? Self.json(again.stdout))?["id"] == .string(batch.id))
        } else {
            #expect(again.code == 1 && again.stderr.contains("409 conflict"))
        }
        #expect(waited.code == 6 && waited.stdout == "\(batch.id) cancelled\n")
        #expect(conflict.code == 1 && conflict.stderr.contains("409 conflict") && conflict.stderr.contains("(request "))
    }

    @Test func waitTimesOutWithExitSeven() async throws {
        let harness = try await ClientHarness.start(speed: 1)
        let batch = try await harness.client.createBatch(ClientHarness.request(count: 20))
        let waited = try await harness.meshtop("batches", "wait", batch.id, "--interval", "0.2", "--timeout", "0.5")
        await harness.stop()
        #expect(waited.code == 7 && waited.stderr.contains("timed out"))
    }

    @Test func apiErrorsShowCodeAndRequestID() async throws {
        let harness = try await ClientHarness.start()
        let missing = try await harness.meshtop("batches", "get", "batch_doesnotexist")
        let badKey = try await harness.meshtop("batches", "list", extraEnvironment: ["MESH_API_KEY": "rsk_wrongwrongwrongwrongwrong1"])
        let noResults = try await harness.meshtop("batches", "results", "no/such id")
        await harness.stop()

        #expect(missing.code == 1 && missing.stderr.contains("404 not_found") && missing.stderr.contains("(request "))
        #expect(badKey.code == 1 && badKey.stderr.contains("401 unauthorized"))
        #expect(badKey.stderr.contains("the key sent came from MESH_API_KEY"), "\(badKey.stderr)")
        #expect(!badKey.stderr.contains("rsk_wrong"))
        #expect(noResults.code == 1 && noResults.stderr.contains("404"))
    }

    @Test func networkErrorExitsThree() async throws {
        let output = try await MeshtopBinary.run(["batches", "list"], environment: [
            "MESH_API_KEY": ClientHarness.key, "MESH_API_BASE_URL": "http://127.0.0.1:9"])
        #expect(output.code == 3 && output.stderr.contains("network"))
        #expect(!output.stderr.contains(ClientHarness.key))
        // Nothing listening: one retry, said as it happens, then the URL tried.
        #expect(output.stderr.contains("connection refused); retrying (2 of 2)"), "\(output.stderr)")
        #expect(output.stderr.contains("(2 attempts in ") && output.stderr.contains("(http://127.0.0.1:9)"), "\(output.stderr)")
    }

    /// Network failures say what to fix: a name that does not resolve (never retried), https:// to
    /// a plain-HTTP server (no BoringSSL text, no build path), a server that never answers (each
    /// retry named, the total time in the last line).
    @Test func networkFailuresSayWhatToFix() async throws {
        let environment = ["MESH_API_KEY": ClientHarness.key]
        let unresolved = try await MeshtopBinary.run(
            ["batches", "list", "--base-url", "http://no-such-host.invalid:8080"], environment: environment)
        #expect(unresolved.code == 3 && unresolved.stderr.contains("could not resolve host no-such-host.invalid"),
                "\(unresolved.stderr)")
        #expect(!unresolved.stderr.contains("retrying"))

        let harness = try await ClientHarness.start()
        let plain = harness.server.baseURL.replacingOccurrences(of: "http://", with: "https://")
        let tls = try await MeshtopBinary.run(["batches", "list", "--base-url", plain], environment: environment)
        await harness.stop()
        #expect(tls.code == 3 && tls.stderr.contains("TLS handshake with 127.0.0.1 failed: it may not speak TLS (try http://)"),
                "\(tls.stderr)")
        #expect(!tls.stderr.contains("BoringSSL") && !tls.stderr.contains(".c:"), "a build path: \(tls.stderr)")
        #expect(!tls.stderr.contains("retrying"))

        let silent = try await FixtureServer.start { _, _, _ in FixtureServer.Reply(delay: 30) }
        let slow = try await MeshtopBinary.run(
            ["batches", "list", "--base-url", silent.baseURL, "--request-timeout", "0.5"], environment: environment)
        await silent.stop()
        #expect(slow.code == 3, "\(slow)")
        #expect(slow.stderr.contains("no answer in 0.5 s; retrying (2 of 5)"), "\(slow.stderr)")
        #expect(slow.stderr.contains("retrying (5 of 5)") && slow.stderr.contains("(5 attempts in "), "\(slow.stderr)")
    }

    @Test func missingKeyIsAUsageError() async throws {
        let output = try await MeshtopBinary.run(["batches", "list"], environment: [:])
        #expect(output.code == 2 && output.stderr.contains("MESH_API_KEY"))
    }

    @Test(arguments: [
        ("", "empty"),
        (line("a") + "\n{not json\n", "line 2: not valid JSON (expected a string key at byte 1)"),
        (line("a") + "\n" + line("b") + "\n" + line("a") + "\n", "line 3: duplicate custom_id \"a\" (first used on line 1)"),
        (line("a") + "\n" + line("b", model: "openai/gpt-5-nano") + "\n", "line 2: model \"openai/gpt-5-nano\" differs"),
    ])
    func createRefusesBadFilesAndSendsNothing(contents: String, expected: String) async throws {
        let harness = try await ClientHarness.start()
        let file = try Self.writeFile(contents)
        let output = try await harness.meshtop("batches", "create", file)
        let page = try await harness.client.listBatches(after: nil, limit: 10)
        await harness.stop()
        #expect(output.code == 2)
        #expect(output.stderr.contains(expected), "\(output.stderr)")
        #expect(output.stderr.contains("nothing was sent"))
        #expect(page.data.isEmpty)
    }

    @Test func createWithNoAnswerIsSentOnceAndSaysSo() async throws {
        let server = try await FixtureServer.start { _, _, _ in .init(body: #"{"id": "batch_x"}"#, delay: 3) }
        let file = try Self.writeFile(Self.line("a") + "\n")
        let output = try await MeshtopBinary.run(["batches", "create", file, "--request-timeout", "0.3"], environment: [
            "MESH_API_KEY": ClientHarness.key, "MESH_API_BASE_URL": server.baseURL])
        let posts = server.count("POST", "/v1/batches")
        await server.stop()
        #expect(output.code == 3)
        #expect(output.stderr.contains("may or may not have been created"))
        #expect(posts == 1)
    }

    @Test func retryAfterIsWaitedOutThenTheListShows() async throws {
        let server = try await FixtureServer.start { _, _, previous in
            previous == 0
                ? .init(status: .tooManyRequests, headers: ["Retry-After": "1"], body: #"{"error": {"code": "rate_limit_exceeded", "message": "slow"}}"#)
                : .init(body: #"{"object": "list", "data": [{"id": "batch_a", "status": "completed", "extra": 1}], "has_more": false}"#)
        }
        let output = try await MeshtopBinary.run(["batches", "list"], environment: [
            "MESH_API_KEY": ClientHarness.key, "MESH_API_BASE_URL": server.baseURL])
        let seen = server.requests
        await server.stop()
        #expect(output.code == 0 && output.stdout.contains("batch_a"))
        #expect(seen.count == 2)
        if seen.count == 2 { #expect(seen[1].at - seen[0].at >= .seconds(1)) }
    }

    @Test func profileFromConfigFile() async throws {
        let harness = try await ClientHarness.start()
        let home = try Self.configHome("""
            default_profile = "local"
            [profiles.local]
            base_url = "\(harness.server.baseURL)"
            key_command = "echo \(ClientHarness.key)"
            [profiles.broken]
            base_url = "\(harness.server.baseURL)"
            key = "rsk_wrongwrongwrongwrongwrong1"
            """)
        let byDefault = try await MeshtopBinary.run(["batches", "list"], environment: ["XDG_CONFIG_HOME": home])
        let byFlag = try await MeshtopBinary.run(["batches", "list", "--profile", "broken"], environment: ["XDG_CONFIG_HOME": home])
        let unknown = try await MeshtopBinary.run(["batches", "list", "--profile", "nope"], environment: ["XDG_CONFIG_HOME": home])
        await harness.stop()
        #expect(byDefault.code == 0, "\(byDefault.stderr)")
        #expect(byFlag.code == 1 && byFlag.stderr.contains("401"))
        #expect(byFlag.stderr.contains("the key sent came from --profile broken (key)"), "\(byFlag.stderr)")
        #expect(!byFlag.stderr.contains("rsk_wrong"))
        #expect(unknown.code == 2 && unknown.stderr.contains("known: broken, local"))
    }

    /// A base URL that cannot work is a usage error before any request, naming the value and its
    /// source, for the commands and the dashboard alike; a typo in config.toml is a warning.
    @Test func aBadBaseURLIsAUsageErrorAndAConfigTypoAWarning() async throws {
        let environment = ["MESH_API_KEY": ClientHarness.key]
        let command = try await MeshtopBinary.run(["batches", "list", "--base-url", "localhost:8080"], environment: environment)
        #expect(command.code == 2, "\(command)")
        #expect(command.stderr.contains("\"localhost:8080\" (from --base-url)"), "\(command.stderr)")
        let dashboard = try await MeshtopBinary.run(["--once"], environment: environment.merging(
            ["MESH_API_BASE_URL": "htp:/127.0.0.1"]) { $1 })
        #expect(dashboard.code == 2 && dashboard.stderr.contains("(from MESH_API_BASE_URL)"), "\(dashboard)")

        let harness = try await ClientHarness.start()
        let home = try Self.configHome("thme = \"dark\"\n")
        let typo = try await MeshtopBinary.run(["batches", "list", "--base-url", harness.server.baseURL],
                                               environment: environment.merging(["XDG_CONFIG_HOME": home]) { $1 })
        await harness.stop()
        #expect(typo.code == 0, "\(typo)")
        #expect(typo.stderr.contains("config.toml:1: unknown key thme"), "\(typo.stderr)")
    }

    /// `serve` says what to fix: a busy port in words, a malformed key pair with serve's own usage,
    /// and that `--key` puts the key where `ps` shows it.
    @Test func serveSaysWhatToFix() async throws {
        let harness = try await ClientHarness.start()
        let port = try #require(URLComponents(string: harness.server.baseURL)?.port)
        let busy = try await MeshtopBinary.run(
            ["serve", "--memory", "--port", "\(port)", "--key", "rsk_servetestservetestservete=t"], environment: [:])
        await harness.stop()
        #expect(busy.code != 0)
        #expect(busy.stderr.contains("port \(port) is in use on 127.0.0.1: pick another with --port"), "\(busy.stderr)")
        #expect(!busy.stderr.contains("errno"), "\(busy.stderr)")
        #expect(busy.stderr.contains("other users can read with ps"), "\(busy.stderr)")

        let malformed = try await MeshtopBinary.run(["serve", "--memory", "--key", "rsk_noowner"], environment: [:])
        #expect(malformed.code == 2, "\(malformed)")
        #expect(malformed.stderr.contains("--key: expected TOKEN=OWNER"), "\(malformed.stderr)")
        #expect(malformed.stderr.contains("Usage: meshtop serve"), "\(malformed.stderr)")
        #expect(!malformed.stderr.contains("rsk_noowner"))
    }

    /// `serve --keys FILE`: every TOKEN=OWNER line of the file is a key (comments and blank lines
    /// skipped), each seeing its own owner's batches; a key the file does not hold is 401.
    @Test func serveTakesItsKeysFromAFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meshtop-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("serve-keys")
        try """
            # team keys
            \(StandInHarness.keyA)=team-a

              \(StandInHarness.keyB) = team-b
            """.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        // No key from the environment: the file is the only source.
        let serve = try await ServeProcess.start(["--memory", "--keys", file.path], keys: "")
        try await withTeardown({ await serve.stop() }) {
            let harness = StandInHarness(baseURL: serve.baseURL)

            let created = try await harness.create(StandInHarness.batchBody(count: 2), key: StandInHarness.keyA)
            let id = try #require(created.batch?.id, "\(created.status)")
            #expect(try await harness.call("GET", "/v1/batches/\(id)", key: StandInHarness.keyA).status == 200)
            // The second line's owner is another team: the first team's batch is not its own.
            #expect(try await harness.call("GET", "/v1/batches", key: StandInHarness.keyB).page?.data.isEmpty == true)
            #expect(try await harness.call("GET", "/v1/batches/\(id)", key: StandInHarness.keyB).status == 404)
            let unknown = try await harness.call("GET", "/v1/batches", key: "rsk_notinthefilenotinthefile")
            #expect(unknown.status == 401)
            #expect(unknown.json["error"]?["code"]?.stringValue == "unauthorized")
            #expect(try await harness.call("GET", "/v1/batches", key: nil).status == 401)
        }
    }

    /// `serve --upstream` refuses the simulator's knobs (real requests take real time), a key
    /// variable that is not set (named, never a value) and a value that is no URL, with serve's usage.
    @Test func serveUpstreamSaysWhatToFix() async throws {
        let speed = try await MeshtopBinary.run(["serve", "--memory", "--upstream", "http://127.0.0.1:9/v1", "--speed", "5"],
                                                environment: [:])
        #expect(speed.code == 2, "\(speed)")
        #expect(speed.stderr.contains("--speed simulates time and cannot be used with --upstream"), "\(speed.stderr)")
        #expect(speed.stderr.contains("Usage: meshtop serve"), "\(speed.stderr)")
        let key = try await MeshtopBinary.run(
            ["serve", "--memory", "--upstream", "http://127.0.0.1:9/v1", "--upstream-key-env", "MESHTOP_TEST_NO_SUCH_VAR"],
            environment: [:])
        #expect(key.code == 2 && key.stderr.contains("MESHTOP_TEST_NO_SUCH_VAR: that environment variable is not set"),
                "\(key.stderr)")
        let url = try await MeshtopBinary.run(["serve", "--memory", "--upstream", "llama-no-url"], environment: [:])
        #expect(url.code == 2 && url.stderr.contains("expected an http(s) URL or MODEL_PATTERN=URL"), "\(url.stderr)")
        #expect(!url.stderr.contains("llama-no-url"))
        let timeout = try await MeshtopBinary.run(["serve", "--memory", "--upstream", "http://127.0.0.1:9/v1", "--item-timeout", "0"],
                                                  environment: [:])
        #expect(timeout.code == 2 && timeout.stderr.contains("--item-timeout must be more than 0 and at most 86400 seconds"),
                "\(timeout.stderr)")
        let firstByte = try await MeshtopBinary.run(
            ["serve", "--memory", "--upstream", "http://127.0.0.1:9/v1", "--first-byte-timeout", "0"], environment: [:])
        #expect(firstByte.code == 2 && firstByte.stderr.contains("--first-byte-timeout must be more than 0"), "\(firstByte.stderr)")
        let connections = try await MeshtopBinary.run(["serve", "--memory", "--max-connections", "0"], environment: [:])
        #expect(connections.code == 2 && connections.stderr.contains("--max-connections must be at least 1"),
                "\(connections.stderr)")
        let alone = try await MeshtopBinary.run(["serve", "--memory", "--concurrency", "8"], environment: [:])
        #expect(alone.code == 2 && alone.stderr.contains("need --upstream"), "\(alone.stderr)")

        // A busy port is said in words with --upstream too (its HTTP client is shut down, not dropped).
        let harness = try await StandInHarness.start()
        let port = try #require(URLComponents(string: harness.baseURL)?.port)
        let busy = try await MeshtopBinary.run(
            ["serve", "--memory", "--port", "\(port)", "--upstream", "http://127.0.0.1:9/v1"],
            environment: ["MESHTOP_SERVE_KEYS": "rsk_servetestservetestservete=t"])
        await harness.stop()
        #expect(busy.code == 1 && busy.stderr.contains("port \(port) is in use"), "\(busy.stderr)")
    }

    /// `meshtop --help` names the dashboard's flags, `--demo` first; no help's example is wrapped
    /// in the middle of a command at 80 columns (a wrapped code line continues unindented).
    @Test func helpNamesTheDashboardsFlagsAndKeepsExamplesWhole() async throws {
        let root = try await MeshtopBinary.run(["--help"], environment: ["COLUMNS": "80"])
        #expect(root.code == 0)
        let demo = try #require(root.stdout.range(of: "  --demo "), "\(root.stdout)")
        #expect(root.stdout.range(of: "DASHBOARD OPTIONS").map { $0.lowerBound < demo.lowerBound } == true)
        #expect(root.stdout.range(of: "  --interval ").map { demo.lowerBound < $0.lowerBound } == true)
        for command in [[], ["batches"], ["batches", "list"], ["batches", "get"], ["batches", "create"], ["batches", "cancel"],
                        ["batches", "results"], ["batches", "wait"], ["serve"], ["dashboard"]] {
            let help = try await MeshtopBinary.run(command + ["--help"], environment: ["COLUMNS": "80"])
            let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            for (line, next) in zip(lines, lines.dropFirst()) {
                let isCode = line.hasPrefix("  ") && !line.hasPrefix("   ") && !line.dropFirst(2).hasPrefix("-")
                let continuesUnindented = !next.isEmpty && !next.hasPrefix(" ")
                #expect(!(isCode && continuesUnindented && line.count >= 60),
                        "meshtop \(command.joined(separator: " ")) --help wraps: \(line) / \(next)")
            }
        }
    }

    /// The small things: create from stdin, results in natural order (and --json as --jsonl),
    /// --status checked (plus active/done), get --json --no-results, "not run" for an ended batch.
    @Test func smallThingsPeopleExpect() async throws {
        let harness = try await ClientHarness.start()
        let ids = ["doc-10", "doc-2", "doc-1"]
        let created = try await harness.meshtop("batches", "create", "-", stdin: ids.map { Self.line($0) }.joined(separator: "\n") + "\n")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let badStdin = try await harness.meshtop("batches", "create", "-", stdin: "{nope\n")
        _ = try await harness.meshtop("batches", "wait", id, "--interval", "0.1", "--timeout", "60")
        let results = try await harness.meshtop("batches", "results", id, "--json")
        let unknownStatus = try await harness.meshtop("batches", "list", "--status", "in_progres")
        let done = try await harness.meshtop("batches", "list", "--status", "done")
        let active = try await harness.meshtop("batches", "list", "--status", "active")
        let withoutResults = try await harness.meshtop("batches", "get", id, "--json", "--no-results")
        let cancelledID = try await harness.client.createBatch(ClientHarness.request(count: 40)).id
        _ = try await harness.meshtop("batches", "cancel", cancelledID, "--yes")
        let cancelWait = try await harness.meshtop("batches", "wait", cancelledID, "--interval", "0.1", "--timeout", "60")
        let cancelled = try await harness.meshtop("batches", "get", cancelledID)
        await harness.stop()

        #expect(created.code == 0 && id.hasPrefix("batch_"), "\(created.stderr)")
        #expect(badStdin.code == 2 && badStdin.stderr.contains("stdin: line 1") && badStdin.stderr.contains("nothing was sent"),
                "\(badStdin.stderr)")
        let order = try results.stdout.split(separator: "\n").map { try Self.json(String($0))["custom_id"]?.stringValue }
        #expect(order == ["doc-1", "doc-2", "doc-10"], "\(results.stdout)")
        #expect(unknownStatus.code == 2 && unknownStatus.stderr.contains("is not one of validating, in_progress"),
                "\(unknownStatus.stderr)")
        #expect(done.code == 0 && done.stdout.contains(id), "\(done)")
        #expect(active.stdout.contains(id) == false)
        #expect(try Self.json(withoutResults.stdout)["results"] == nil && (try Self.json(withoutResults.stdout))["id"] == .string(id))
        // Every word of both commands when it fails: it did once in CI (61 s, an empty stdout), not since.
        #expect(cancelled.stdout.contains(" not run") && !cancelled.stdout.contains("pending"), "wait: \(cancelWait) get: \(cancelled)")
    }

    /// With no key at all, the dashboard and the commands fail alike (exit 2, the same words) and
    /// say how to get going; `meshtop config` shows what it found and which source wins.
    @Test func noKeyAndConfigSayTheSameThing() async throws {
        let dashboard = try await MeshtopBinary.run(["--once"], environment: [:])
        let command = try await MeshtopBinary.run(["batches", "list"], environment: [:])
        #expect(dashboard.code == 2 && command.code == 2, "\(dashboard) \(command)")
        #expect(dashboard.stderr == command.stderr && command.stderr.contains("meshtop --demo"), "\(dashboard.stderr)")

        let home = try Self.configHome("""
            default_profile = "work"
            [profiles.work]
            base_url = "http://127.0.0.1:9"
            key_command = "echo \(ClientHarness.key)"
            """)
        let byProfile = try await MeshtopBinary.run(["config"], environment: ["XDG_CONFIG_HOME": home])
        let byEnvironment = try await MeshtopBinary.run(["config"], environment: ["XDG_CONFIG_HOME": home, "MESH_API_KEY": "rsk_e"])
        #expect(byProfile.code == 0, "\(byProfile)")
        // key_command is not run unless asked.
        #expect(byProfile.stdout.contains("key from  default_profile work (key_command, not run)"), "\(byProfile.stdout)")
        #expect(byProfile.stdout.contains("base URL  http://127.0.0.1:9 (from profile work)"), "\(byProfile.stdout)")
        #expect(byProfile.stdout.contains("config    \(home)/meshtop/config.toml\n"), "\(byProfile.stdout)")
        #expect(!byProfile.stdout.contains(ClientHarness.key))
        #expect(byEnvironment.stdout.contains("MESH_API_KEY (set, so it wins over default_profile work)"), "\(byEnvironment.stdout)")
        #expect(!byEnvironment.stdout.contains("rsk_e\n"))

        // The dashboard's header says it too.
        let harness = try await ClientHarness.start()
        let frame = try await MeshtopBinary.run(["--once", "--base-url", harness.server.baseURL], environment: [
            "XDG_CONFIG_HOME": home, "MESH_API_KEY": ClientHarness.key, "COLUMNS": "120", "LINES": "30"])
        await harness.stop()
        #expect(frame.code == 0, "\(frame)")
        #expect(frame.stdout.split(separator: "\n").first?.contains("(MESH_API_KEY, not default_profile work)") == true,
                "\(frame.stdout.prefix(300))")
    }

    /// Every `batches` command takes an id without its `batch_` prefix (as the dashboard's list
    /// shows it); an id that is unknown either way is still the server's 404.
    @Test func idsWithoutTheirPrefix() async throws {
        let harness = try await ClientHarness.start()
        let batch = try await harness.client.createBatch(ClientHarness.request(count: 2))
        let other = try await harness.client.createBatch(ClientHarness.request(count: 2))
        let bare = String(batch.id.dropFirst("batch_".count))
        let waited = try await harness.meshtop("batches", "wait", bare, "--interval", "0.1", "--timeout", "60")
        let got = try await harness.meshtop("batches", "get", bare, "--json")
        let results = try await harness.meshtop("batches", "results", bare, "--jsonl")
        let cancelled = try await harness.meshtop("batches", "cancel", String(other.id.dropFirst("batch_".count)), "--yes", "--json")
        let missing = try await harness.meshtop("batches", "get", "01aaaaaaaaaaaaaaaaaaaaaaaa")
        await harness.stop()

        #expect(batch.id.hasPrefix("batch_"))
        #expect(waited.code == 0 && waited.stdout == "\(batch.id) completed\n", "\(waited.stdout)\(waited.stderr)")
        #expect(got.code == 0 && (try? Self.json(got.stdout)["id"]) == .string(batch.id), "\(got.stderr)")
        #expect(results.code == 0 && results.stdout.split(separator: "\n").count == 2, "\(results.stderr)")
        // At speed 500 the batch may have ended already: a 409 about it is as good a proof the id was found.
        #expect((cancelled.code == 0 && (try? Self.json(cancelled.stdout)["id"]) == .string(other.id))
                || (cancelled.stderr.contains("409") && cancelled.stderr.contains(other.id)), "\(cancelled.stderr)")
        #expect(missing.code == 1 && missing.stderr.contains("404"), "\(missing.stderr)")
    }

    /// The CLI's hints: a mistyped subcommand gets "did you mean", a refused connection says nothing
    /// listens there, and a base URL with its /v1 is named as the reason for a 404.
    @Test func hintsForTyposRefusedConnectionsAndV1() async throws {
        let harness = try await ClientHarness.start()
        let closed = try await FixtureServer.start { _, _, _ in .init() }
        let closedURL = closed.baseURL
        await closed.stop()
        let typo = try await harness.meshtop("batches", "lst")
        let rootTypo = try await harness.meshtop("batchs", "list")
        let farOff = try await harness.meshtop("batches", "zzzzzz")
        let refused = try await harness.meshtop("batches", "list", "--base-url", closedURL)
        let withV1 = try await harness.meshtop("batches", "get", "batch_x", "--base-url", harness.server.baseURL + "/v1/")
        let withoutV1 = try await harness.meshtop("batches", "get", "batch_x")
        await harness.stop()

        #expect(typo.code == 2 && typo.stderr.contains("did you mean `meshtop batches list`?"), "\(typo.stderr)")
        #expect(rootTypo.code == 2 && rootTypo.stderr.contains("did you mean `meshtop batches`?"), "\(rootTypo.stderr)")
        #expect(farOff.code == 2 && !farOff.stderr.contains("did you mean"), "\(farOff.stderr)")
        #expect(refused.code == 3 && refused.stderr.contains("nothing listens at that address; is the server running?"), "\(refused.stderr)")
        #expect(withV1.code == 1 && withV1.stderr.contains("ends in /v1: give it without"), "\(withV1.stderr)")
        #expect(withoutV1.code == 1 && !withoutV1.stderr.contains("/v1: give it without"), "\(withoutV1.stderr)")
    }

    /// Shell completion: files for `batches create`, the statuses for `--status`, and the user's own
    /// profiles and themes for `--profile` and `--theme`, asked of the binary as the scripts ask it.
    @Test func shellCompletionOffersFilesProfilesThemesAndStatuses() async throws {
        let home = try Self.configHome(#"""
            [profiles.work]
            key = "rsk_aaaaaaaaaaaaaaaaaaaaaaaaaa"
            [profiles.home]
            key = "rsk_bbbbbbbbbbbbbbbbbbbbbbbbbb"
            """#)
        try FileManager.default.createDirectory(atPath: home + "/meshtop/themes", withIntermediateDirectories: true)
        try "".write(toFile: home + "/meshtop/themes/mine.toml", atomically: true, encoding: .utf8)
        let environment = ["XDG_CONFIG_HOME": home]
        let bash = try await MeshtopBinary.run(["--generate-completion-script", "bash"], environment: environment)
        let profiles = try await MeshtopBinary.run(["---completion", "batches", "list", "--", "--profile", "4", "0",
                                                    "meshtop", "batches", "list", "--profile", ""], environment: environment)
        let themes = try await MeshtopBinary.run(["---completion", "dashboard", "--", "--theme", "2", "0",
                                                  "meshtop", "--theme", ""], environment: environment)
        #expect(bash.code == 0 && bash.stdout.contains("-fX '!*.@(jsonl|json|ndjson)'"), "a file for batches create")
        #expect(bash.stdout.contains("'validating'$'\\n''in_progress'"), "the statuses for --status")
        #expect(profiles.stdout.split(separator: "\n") == ["home", "work"], "\(profiles.stdout)\(profiles.stderr)")
        #expect(themes.stdout.split(separator: "\n").contains("mine") && themes.stdout.contains("high-contrast"), "\(themes.stdout)")
    }
}
