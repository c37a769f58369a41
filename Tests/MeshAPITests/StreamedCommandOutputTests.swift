import Foundation
import Testing
import MeshAPI
import MeshtopTestSupport

/// `batches results` and `batches get --json` as the real binary against a scripted server: what
/// reaches a pipe is the server's bytes (only what a terminal would act on escaped), and a table in
/// a pipe is not padded to its widest cell.
@Suite
struct StreamedCommandOutputTests {
    static let key = "rsk_fixturekeyfixturekeyfixture"

    static func run(_ server: FixtureServer, _ arguments: String...) async throws -> MeshtopBinary.Output {
        try await MeshtopBinary.run(arguments, environment: ["MESH_API_KEY": key, "MESH_API_BASE_URL": server.baseURL])
    }

    /// One result with a 100 KiB error among 500: in a pipe (no terminal, no COLUMNS) the error is
    /// written whole on its row and no other row is padded to it (it used to pad all 50,000 rows of
    /// a real batch to 100 KiB: 255 s and 5.3 GB).
    @Test func aTableInAPipeIsNotPaddedToItsWidestCell() async throws {
        let longMessage = String(repeating: "x", count: 100 * 1024)
        let big = #"{"custom_id": "a-big", "response": {"status_code": 500, "body": {"error": {"code": "upstream_error", "message": "\#(longMessage)"}}}}"#
        let small = #"{"custom_id": "b-small", "response": {"status_code": 200, "body": {"choices": [{"message": {"content": "fine"}}], "usage": {"total_tokens": 5}}}}"#
        let server = try await FixtureServer.start { _, _, _ in
            .init(body: small + ",", repeatCount: 500,
                  head: #"{"id": "b", "status": "completed", "results": ["# + big + ",", tail: small + "]}")
        }
        let output = try await Self.run(server, "batches", "results", "b")
        await server.stop()
        #expect(output.code == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 503)
        #expect(lines.first == "CUSTOM_ID  OUTCOME    HTTP  TOKENS  DETAIL")
        #expect(lines[1] == "a-big      failed      500       -  upstream_error: " + longMessage[...])
        #expect(lines.dropFirst(2).allSatisfy { $0 == "b-small    succeeded   200       5  fine" }, "\(lines[2])")
        #expect(output.stdout.utf8.count < 100 * 1024 + 503 * 60)
    }

    /// The answer as it came: the server's spacing, key order, escapes and an integer past 2^53,
    /// with only the bidi override and DEL escaped (the same JSON value); `--jsonl` the same bytes
    /// a result a line, whitespace between tokens dropped, in custom_id order.
    @Test func getJSONAndResultsJSONLKeepTheServersBytes() async throws {
        let first = "{ \"response\" : {\"status_code\":200, \"body\": {\"seed\": 12345678901234567891, \"text\": \"caf\\u00e9 \u{202E}x\u{7F}\"}},\n   \"custom_id\": \"doc-2\" }"
        let second = #"{"custom_id":"doc-10","response":null,"error":{"code":"batch_cancelled","message":"a\nb"}}"#
        let body = "{\"status\": \"completed\",  \"id\": \"b\", \"zeta\": 1.50,\n \"results\": [\n  \(second),\n  \(first)\n]}"
        let server = try await FixtureServer.start { _, _, _ in .init(body: body) }
        let get = try await Self.run(server, "batches", "get", "b", "--json")
        let results = try await Self.run(server, "batches", "results", "b", "--jsonl")
        await server.stop()
        #expect(get.code == 0, "\(get.stderr)")
        let escaped = { (text: String) in text.replacingOccurrences(of: "\u{202E}", with: "\\u202e").replacingOccurrences(of: "\u{7F}", with: "\\u007f") }
        #expect(get.stdout == escaped(body) + "\n")
        #expect(results.code == 0, "\(results.stderr)")
        let firstOnOneLine = #"{"response":{"status_code":200,"body":{"seed":12345678901234567891,"text":"caf\u00e9 \u202ex\u007f"}},"custom_id":"doc-2"}"#
        #expect(results.stdout == firstOnOneLine + "\n" + second + "\n")
    }
}
