import Dashboard
import Foundation
import MeshAPI
import Testing
import MeshtopTestSupport

/// Terminal safety: anyone with a team key writes metadata and custom_ids, and a hostile server
/// writes anything. Every command is run as the real binary over loopback with such values, and
/// nothing it prints may drive a terminal: no C0 control but the newline that ends a line, no DEL,
/// no C1 control, on stdout or stderr. Tables stay aligned (wide characters count two), a newline
/// in a value never splits a row, and `--json`/`--jsonl` give the values back intact.
@Suite(.serialized)
struct TerminalSafetyTests {
    static let clear = "\u{1B}[2J\u{1B}[H\u{1B}[41mHACKED"
    static let metadata = ["note": clear, "multi": "one\ntwo", "csi": "\u{9B}31mred", "tab": "a\tb"]
    static let customIDs = ["a\u{1B}[2J\u{1B}[31m", "b\nsplit", "c\u{9B}2J", "d\u{7F}\u{7}", "日本語-e", "🚀-f"]

    /// The characters a terminal acts on: C0 controls (a newline is allowed: it ends lines), DEL, C1.
    static func controls(in text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
        }.map { "U+" + String($0.value, radix: 16) }
    }

    static func expectClean(_ output: MeshtopBinary.Output, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(controls(in: output.stdout).isEmpty, "\(what): control characters on stdout: \(controls(in: output.stdout)) in \(output.stdout.debugDescription)", sourceLocation: sourceLocation)
        #expect(controls(in: output.stderr).isEmpty, "\(what): control characters on stderr: \(controls(in: output.stderr)) in \(output.stderr.debugDescription)", sourceLocation: sourceLocation)
    }

    /// Display columns (as the dashboard measures them) before `needle` in `line`, or nil.
    static func column(of needle: String, in line: Substring) -> Int? {
        guard let range = line.range(of: needle) else { return nil }
        return TextWidth.of(String(line[..<range.lowerBound]))
    }

    /// Display columns before the first local date ("2025-11-24 16:00") in `line`, or nil.
    static func dateColumn(in line: Substring) -> Int? {
        guard let range = line.range(of: #"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}"#, options: .regularExpression) else { return nil }
        return TextWidth.of(String(line[..<range.lowerBound]))
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// list, get, results and wait against the stand-in, with a batch whose metadata and
    /// custom_ids were written by someone hostile.
    @Test func hostileMetadataAndCustomIDsFromTheStandIn() async throws {
        let harness = try await ClientHarness.start()
        let batch = try await harness.client.createBatch(ChatBatch.request(ids: Self.customIDs, metadata: Self.metadata) { _ in "hi" })
        let plain = try await harness.client.createBatch(ChatBatch.request(ids: ["x"], metadata: ["note": "fine"]) { _ in "hi" })
        let waited = try await harness.meshtop("batches", "wait", batch.id, "--interval", "0.1", "--timeout", "60")
        let list = try await harness.meshtop("batches", "list")
        let listJSON = try await harness.meshtop("batches", "list", "--json")
        let get = try await harness.meshtop("batches", "get", batch.id)
        let getJSON = try await harness.meshtop("batches", "get", batch.id, "--json")
        let results = try await harness.meshtop("batches", "results", batch.id)
        let resultsJSONL = try await harness.meshtop("batches", "results", batch.id, "--jsonl")
        await harness.stop()

        for (output, what) in [(waited, "wait"), (list, "list"), (listJSON, "list --json"), (get, "get"),
                               (getJSON, "get --json"), (results, "results"), (resultsJSONL, "results --jsonl")] {
            #expect(output.code == 0, "\(what): \(output.stderr)")
            Self.expectClean(output, what)
        }

        // list: one row a batch (the newline in a value does not split it), the escapes visible.
        let listLines = list.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(listLines.count == 3, "\(list.stdout)")
        #expect(list.stdout.contains(#"note=\e[2J\e[H\e[41mHACKED"#) && list.stdout.contains(#"multi=one\ntwo"#))
        #expect(list.stdout.contains(#"csi=\u009b31mred"#) && list.stdout.contains(#"tab=a\tb"#))
        if let header = listLines.first {
            for title in ["STATUS", "MODEL", "CREATED", "METADATA"] {
                let at = Self.column(of: title, in: header)
                for (row, id) in zip(listLines.dropFirst(), [plain.id, batch.id]) {
                    #expect(row.hasPrefix(id))
                    let found = switch title {
                    case "STATUS": Self.column(of: "completed", in: row)
                    case "MODEL": Self.column(of: "openai/", in: row)
                    case "CREATED": Self.dateColumn(in: row)
                    default: Self.column(of: id == plain.id ? "note=fine" : "csi=", in: row)
                    }
                    #expect(found == at, "\(title) misaligned in \(row)")
                }
            }
        }
        let listed = try Self.json(listJSON.stdout)["data"]?[1]?["metadata"]
        #expect(listed == .object(Self.metadata.mapValues(JSONValue.string)), "list --json gives the values back intact")

        // get: one line a field, the values escaped.
        #expect(get.stdout.contains(#"metadata.note   \e[2J\e[H\e[41mHACKED"#), "\(get.stdout)")
        #expect(get.stdout.contains(#"metadata.multi  one\ntwo"#))
        let fields = get.stdout.split(separator: "\n")
        #expect(fields.allSatisfy { $0.first?.isLetter == true }, "a value started a line of its own: \(get.stdout)")
        let got = try Self.json(getJSON.stdout)
        #expect(got["metadata"] == .object(Self.metadata.mapValues(JSONValue.string)))
        #expect(Set(got["results"]?.arrayValue?.compactMap { $0["custom_id"]?.stringValue } ?? []) == Set(Self.customIDs))

        // results: one row an item, the OUTCOME column aligned after wide and escaped custom_ids.
        let rows = results.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(rows.count == Self.customIDs.count + 1, "\(results.stdout)")
        if let header = rows.first {
            let outcome = Self.column(of: "OUTCOME", in: header)
            for row in rows.dropFirst() {
                #expect(Self.column(of: "succeeded", in: row) == outcome, "OUTCOME misaligned in \(row)")
            }
        }
        for shown in [#"a\e[2J\e[31m"#, #"b\nsplit"#, #"c\u009b2J"#, #"d\u007f\u0007"#, "日本語-e", "🚀-f"] {
            #expect(results.stdout.contains(shown), "\(shown) in \(results.stdout)")
        }
        let jsonl = try resultsJSONL.stdout.split(separator: "\n").map { try Self.json(String($0))["custom_id"]?.stringValue }
        #expect(Set(jsonl.compactMap { $0 }) == Set(Self.customIDs), "results --jsonl gives the custom_ids back intact")
        #expect(waited.stdout == "\(batch.id) completed\n")
    }

    /// A hostile server: escape sequences in ids, statuses, models, error codes and messages, for
    /// every command and every error path; wide characters in a column that others follow.
    @Test func hostileServerValuesForEveryCommand() async throws {
        let batch = #"""
            {"id": "batch_get", "status": "completed", "model": "m\u009b2J\u001b[31m", "created_at": 1764000000,
             "request_counts": {"total": 2, "completed": 1, "failed": 1},
             "metadata": {"k\u001b[41m": "v\nw"},
             "errors_detail": [{"code": "bad\u001b[2J", "message": "line\none\u009b"}],
             "results": [
               {"custom_id": "ok\u001b[2J", "response": {"status_code": 200, "body": {"choices": [{"message": {"content": "hi\u001b[5m\u0007"}}]}}},
               {"custom_id": "模型\u009b", "response": {"status_code": 500, "body": {"error": {"code": "e\u001b[1m", "message": "m\u001b[2J\u009b31m\nforged"}}}}
             ]}
            """#
        let list = #"""
            {"object": "list", "has_more": false, "data": [
              {"id": "batch_a", "status": "in_progress\u001b[31m", "model": "模型-😀", "created_at": 1764000000,
               "request_counts": {"total": 5, "completed": 1, "failed": 0}, "metadata": {"p": "\u001b[2Jx"}},
              {"id": "batch_b", "status": "completed", "model": "plain/model", "created_at": 1764000000,
               "request_counts": {"total": 5, "completed": 5, "failed": 0}}
            ]}
            """#
        let hostileError = #"{"error": {"code": "not_found\u001b[2J", "message": "no such batch\u001b[2J\u009b31m\nforged: line"}, "request_id": "req_\u001b]0;x\u0007"}"#
        let validation = #"{"detail": [{"type": "value_error", "loc": ["body", "requests", 0, "custom_id\u001b[2J"], "msg": "Duplicate custom_id 'a\u001b[2J\u009b'"}]}"#
        let server = try await FixtureServer.start { method, path, previous in
            switch (method, path) {
            case ("GET", "/v1/batches"): return .init(body: list)
            case ("GET", "/v1/batches/batch_get"): return .init(body: batch)
            case ("GET", "/v1/batches/batch_wait"):
                return .init(body: #"{"id": "batch_\u001b[2Jw", "status": "weird\u001b[2J\u009b"}"#)
            case ("POST", "/v1/batches/batch_c/cancel"):
                return .init(body: #"{"id": "batch_\u001b[2Jc", "status": "cancelling\u009b2J"}"#)
            case ("POST", "/v1/batches"):
                return previous == 0
                    ? .init(body: #"{"id": "batch_\u001b]0;pwned\u0007\u009b2J"}"#)
                    : .init(status: .unprocessableContent, body: validation)
            case ("POST", "/v1/batches/batch_other/cancel"): return .init(status: .conflict, body: hostileError)
            // 404, not 5xx: the client retries 5xx with backoff, which would only slow the test.
            default: return .init(status: .notFound, body: hostileError)
            }
        }
        let environment = ["MESH_API_KEY": ClientHarness.key, "MESH_API_BASE_URL": server.baseURL]
        func meshtop(_ arguments: String...) async throws -> MeshtopBinary.Output {
            try await MeshtopBinary.run(arguments, environment: environment)
        }
        let file = NSTemporaryDirectory() + "meshtop-safety-\(UUID().uuidString).jsonl"
        try #"{"custom_id": "a", "body": {"model": "openai/gpt-4o-mini", "messages": []}}"#.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }

        let listed = try await meshtop("batches", "list")
        let got = try await meshtop("batches", "get", "batch_get")
        let results = try await meshtop("batches", "results", "batch_get")
        let waited = try await meshtop("batches", "wait", "batch_wait", "--interval", "0.1", "--timeout", "0.3")
        let cancelled = try await meshtop("batches", "cancel", "batch_c", "--yes")
        let created = try await meshtop("batches", "create", file)
        let refused = try await meshtop("batches", "create", file)
        let cancelledJSON = try await meshtop("batches", "cancel", "batch_c", "--yes", "--json")
        let missing = try await meshtop("batches", "get", "batch_missing")
        let missingResults = try await meshtop("batches", "results", "batch_missing")
        let failedCancel = try await meshtop("batches", "cancel", "batch_other", "--yes")
        await server.stop()

        let all = [(listed, "list"), (got, "get"), (results, "results"), (waited, "wait"), (cancelled, "cancel"),
                   (created, "create"), (refused, "create refused"), (cancelledJSON, "cancel --json"),
                   (missing, "get 404"), (missingResults, "results 404"), (failedCancel, "cancel 409")]
        for (output, what) in all { Self.expectClean(output, what) }

        // list: the wide model does not push the columns after it out of line.
        let lines = listed.stdout.split(separator: "\n")
        #expect(listed.code == 0 && lines.count == 3, "\(listed.stdout)\(listed.stderr)")
        if lines.count == 3 {
            // DONE is right-aligned: its ends line up.
            let doneEnd = Self.column(of: "DONE", in: lines[0]).map { $0 + 4 }
            let createdAt = Self.column(of: "CREATED", in: lines[0])
            for (row, done) in zip(lines.dropFirst(), ["1/5", "5/5"]) {
                #expect(Self.column(of: done, in: row).map { $0 + 3 } == doneEnd, "DONE misaligned in \(row)")
                #expect(Self.dateColumn(in: row) == createdAt, "CREATED misaligned in \(row)")
            }
        }
        #expect(listed.stdout.contains(#"in_progress\e[31m"#) && listed.stdout.contains(#"p=\e[2Jx"#))

        #expect(got.code == 0 && got.stdout.contains(#"m\u009b2J\e[31m"#) && got.stdout.contains(#"metadata.k\e[41m"#), "\(got.stdout)")
        #expect(got.stdout.contains(#"bad\e[2J: line\none\u009b"#))
        #expect(results.code == 0 && results.stdout.split(separator: "\n").count == 3, "\(results.stdout)")
        #expect(results.stdout.contains(#"ok\e[2J"#) && results.stdout.contains(#"hi\e[5m\u0007"#) && results.stdout.contains(#"模型\u009b"#))
        #expect(waited.code == 7 && waited.stdout == #"batch_\e[2Jw weird\e[2J\u009b"# + "\n", "\(waited.stdout)")
        #expect(waited.stderr.contains(#"still weird\e[2J\u009b"#))
        #expect(cancelled.code == 0 && cancelled.stdout == #"batch_\e[2Jc cancelling\u009b2J"# + "\n")
        #expect(created.code == 0 && created.stdout == #"batch_\e]0;pwned\u0007\u009b2J"# + "\n", "\(created.stdout)\(created.stderr)")
        #expect(refused.code == 1 && refused.stderr.contains(#"Duplicate custom_id 'a\e[2J\u009b'"#), "\(refused.stderr)")
        // --json: valid JSON, the server's values intact (JSON escapes them).
        #expect(try Self.json(cancelledJSON.stdout)["status"] == .string("cancelling\u{9B}2J"))
        #expect(cancelledJSON.stdout.contains(#""cancelling\u009b2J""#))
        for output in [missing, missingResults] {
            #expect(output.code == 1 && output.stderr.contains(#"no such batch\e[2J\u009b31m\nforged: line"#), "\(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1, "the message is one line")
        }
        #expect(failedCancel.code == 1 && failedCancel.stderr.contains(#"\e[2J"#), "\(failedCancel.stderr)")
    }

    /// `--json` and `--jsonl` from the real binary: bidi overrides and isolates, the marks, U+2028 and
    /// ZWSP in the server's values come out as `\uXXXX` (valid JSON, the same values), never raw.
    @Test func jsonOutputEscapesBidiAndInvisibleCharacters() async throws {
        let hostile = #"evil\u202egnp.exe\u2066x\u2069\u200e\u2028\u200bz"#
        let value = "evil\u{202E}gnp.exe\u{2066}x\u{2069}\u{200E}\u{2028}\u{200B}z"
        let batch = #"{"id": "batch_j", "status": "completed", "metadata": {"note": "\#(hostile)"}, "request_counts": {"total": 1, "completed": 1, "failed": 0}, "results": [{"custom_id": "\#(hostile)", "response": {"status_code": 200, "body": {"choices": [{"message": {"content": "\#(hostile)"}}]}}}]}"#
        let server = try await FixtureServer.start { _, path, _ in
            path == "/v1/batches" ? .init(body: #"{"object": "list", "has_more": false, "data": [\#(batch)]}"#) : .init(body: batch)
        }
        let environment = ["MESH_API_KEY": ClientHarness.key, "MESH_API_BASE_URL": server.baseURL]
        let got = try await MeshtopBinary.run(["batches", "get", "batch_j", "--json"], environment: environment)
        let listed = try await MeshtopBinary.run(["batches", "list", "--json"], environment: environment)
        let results = try await MeshtopBinary.run(["batches", "results", "batch_j", "--jsonl"], environment: environment)
        await server.stop()
        let bidi: Set<UInt32> = [0x202E, 0x2066, 0x2069, 0x200E, 0x2028, 0x200B]
        for (output, what) in [(got, "get --json"), (listed, "list --json"), (results, "results --jsonl")] {
            #expect(output.code == 0, "\(what): \(output.stderr)")
            #expect(!output.stdout.unicodeScalars.contains { bidi.contains($0.value) }, "\(what): \(output.stdout.debugDescription)")
            #expect(output.stdout.contains(#"\u202e"#), "\(what)")
        }
        #expect(try Self.json(got.stdout)["metadata"]?["note"] == .string(value))
        #expect(try Self.json(listed.stdout)["data"]?[0]?["metadata"]?["note"] == .string(value))
        #expect(try Self.json(results.stdout)["custom_id"] == .string(value))
    }

    /// `--once` draws through the dashboard's screen: the same escapes, no raw control characters.
    @Test func onceShowsHostileValuesEscaped() async throws {
        let list = #"""
            {"object": "list", "has_more": false, "data": [
              {"id": "batch_\u001b[2Ja", "status": "completed", "model": "m\u009b2J", "created_at": 1764000000,
               "request_counts": {"total": 1, "completed": 1, "failed": 0}, "metadata": {"project": "\u001b[41mHACKED\nx"}}
            ]}
            """#
        let server = try await FixtureServer.start { method, path, _ in
            path == "/v1/batches" ? .init(body: list) : .init(status: .notFound, body: #"{"error": {"code": "not_found", "message": "\u001b[2J"}}"#)
        }
        let once = try await MeshtopBinary.run(["--once"], environment: [
            "MESH_API_KEY": ClientHarness.key, "MESH_API_BASE_URL": server.baseURL, "COLUMNS": "120", "LINES": "30",
            "XDG_STATE_HOME": NSTemporaryDirectory() + "meshtop-state-\(UUID().uuidString)"])
        await server.stop()
        #expect(once.code == 0, "\(once.stderr)")
        Self.expectClean(once, "--once")
        #expect(once.stdout.contains(#"\e[41m"#), "\(once.stdout)")
    }

    /// On a terminal: `wait`'s progress line and `cancel`'s prompt show the server's id and status
    /// escaped; the only control sequences are the progress line's own return and erase-line.
    @Test(.enabled(if: MeshtopBinary.canRunOnTerminal, "needs util-linux script for a pseudo-terminal"))
    func progressLineAndPromptOnATerminal() async throws {
        let server = try await FixtureServer.start { _, _, _ in
            .init(body: #"{"id": "batch_\u001b[2Jw", "status": "in_progress\u009b2J", "request_counts": {"total": 2, "completed": 1, "failed": 0}}"#)
        }
        let environment = ["MESH_API_KEY": ClientHarness.key, "MESH_API_BASE_URL": server.baseURL]
        let waited = try await MeshtopBinary.run(["batches", "wait", "batch_w", "--interval", "0.1", "--timeout", "0.35"],
                                                 environment: environment, onTerminal: true)
        let prompted = try await MeshtopBinary.run(["batches", "cancel", "batch_w"], environment: environment, stdin: "n\n",
                                                   onTerminal: true)
        let posts = server.count("POST", "/v1/batches/batch_w/cancel")
        await server.stop()

        func shown(_ output: MeshtopBinary.Output) -> MeshtopBinary.Output {
            var output = output
            output.stdout = output.stdout.replacingOccurrences(of: "\r\u{1B}[K", with: "").replacingOccurrences(of: "\r\n", with: "\n")
            return output
        }
        #expect(waited.code == 7, "\(waited.stdout)")
        #expect(waited.stdout.contains("\r\u{1B}[K" + #"batch_\e[2Jw  in_progress\u009b2J  1/2 done (50%)"#), "\(waited.stdout.debugDescription)")
        Self.expectClean(shown(waited), "wait on a terminal")
        #expect(prompted.code == 8 && posts == 0, "declined at the prompt: its own exit code; \(prompted.stdout)")
        #expect(prompted.stdout.contains(#"Cancel batch_\e[2Jw (in_progress\u009b2J, 1/2 done)? [y/N] "#), "\(prompted.stdout.debugDescription)")
        Self.expectClean(shown(prompted), "cancel's prompt")
    }

    /// A usage error quotes the arguments given: escaped too, the usage text's lines kept.
    @Test func usageErrorsQuoteArgumentsEscaped() async throws {
        let output = try await MeshtopBinary.run(["batches", "list", "--limit", "x\u{1B}[2J"], environment: [:])
        #expect(output.code == 2)
        Self.expectClean(output, "usage error")
        #expect(output.stderr.contains(#"x\e[2J"#) && output.stderr.contains("Usage:"), "\(output.stderr)")
    }

    /// `batches create` of a file it cannot read says why, and sends nothing.
    @Test func createSaysWhyAFileCannotBeRead() async throws {
        let server = try await FixtureServer.start { _, _, _ in .init(body: #"{"id": "batch_x"}"#) }
        let environment = ["MESH_API_KEY": ClientHarness.key, "MESH_API_BASE_URL": server.baseURL]
        let directory = NSTemporaryDirectory() + "meshtop-dir-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = try await MeshtopBinary.run(["batches", "create", directory + "/none.jsonl"], environment: environment)
        let isDirectory = try await MeshtopBinary.run(["batches", "create", directory], environment: environment)
        var unreadable: MeshtopBinary.Output?
        // Root reads any file: the permission case only means something for another user.
        if geteuid() != 0 {
            let file = directory + "/locked.jsonl"
            FileManager.default.createFile(atPath: file, contents: Data("{}\n".utf8), attributes: [.posixPermissions: 0o000])
            unreadable = try await MeshtopBinary.run(["batches", "create", file], environment: environment)
        }
        let posts = server.count("POST", "/v1/batches")
        await server.stop()

        #expect(missing.code == 2 && missing.stderr.contains("none.jsonl: no such file; nothing was sent"), "\(missing.stderr)")
        #expect(isDirectory.code == 2 && isDirectory.stderr.contains("it is a directory"), "\(isDirectory.stderr)")
        if let unreadable { #expect(unreadable.code == 2 && unreadable.stderr.contains("permission denied"), "\(unreadable.stderr)") }
        #expect(posts == 0)
    }
}
