import Foundation
import Testing
@testable import MeshAPI
import MeshtopTestSupport

/// Results that go to a spool instead of memory: the splitter at every chunk boundary, the spool on
/// disk and in memory, and `getBatchSpooled` against the real stand-in and a scripted server.
@Suite struct SpooledResultsTests {
    static let body = """
        {"id": "batch_1", "status": "completed", "metadata": {"results": [1, 2], "note": "a \\"results\\": [ trap"},
         "results": [
           {"custom_id": "a", "response": {"status_code": 200, "body": {"usage": {"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7}}}, "error": null},
           42,
           {"custom_id": "b}]", "response": {"status_code": 429, "body": {"error": {"code": "rate_limited", "message": "slow [down]"}}}},
           {"custom_id": "c", "response": null, "error": {"code": "batch_cancelled", "message": "cancelled"}}
         ],
         "request_counts": {"total": 3, "completed": 1, "failed": 1}}
        """

    /// Splits `body` fed in chunks of `size` bytes.
    static func split(_ body: String, chunk size: Int) -> (skeleton: String, elements: [String], sawResults: Bool) {
        let bytes = Array(body.utf8)
        var splitter = BatchBodySplitter()
        var elements: [String] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            bytes[start..<end].withUnsafeBytes { chunk in
                splitter.consume(chunk) { elements.append(String(decoding: $0, as: UTF8.self)) }
            }
            start = end
        }
        return (String(decoding: splitter.skeleton, as: UTF8.self), elements, splitter.sawResultsArray)
    }

    @Test func splitterGivesTheSameAnswerWhereverTheChunksBreak() throws {
        let whole = Self.split(Self.body, chunk: Self.body.utf8.count)
        #expect(whole.sawResults)
        #expect(whole.elements.count == 3, "the number element is dropped, the three objects kept")
        #expect(whole.elements[1].hasPrefix(#"{"custom_id": "b}]""#))
        let batch = try JSONDecoder().decode(Batch.self, from: Data(whole.skeleton.utf8))
        #expect(batch.id == "batch_1" && batch.results == nil && batch.requestCounts?.total == 3)
        #expect(batch.metadata?["note"]?.stringValue == #"a "results": [ trap"#, "a results key inside a string is not the results")
        #expect(batch.metadata?["results"] != nil, "a nested results key stays in the skeleton")
        for size in [1, 2, 3, 7, 64] {
            let split = Self.split(Self.body, chunk: size)
            #expect(split.skeleton == whole.skeleton && split.elements == whole.elements, "chunk size \(size)")
        }
        for element in whole.elements {
            _ = try JSONDecoder().decode(BatchResult.self, from: Data(element.utf8))
        }
    }

    @Test func splitterTellsNullAndEmptyResultsApart() {
        let empty = Self.split(#"{"id": "x", "results": []}"#, chunk: 5)
        #expect(empty.sawResults && empty.elements.isEmpty && empty.skeleton == #"{"id": "x", "results": null}"#)
        let null = Self.split(#"{"id": "x", "results": null}"#, chunk: 5)
        #expect(!null.sawResults && null.skeleton == #"{"id": "x", "results": null}"#)
    }

    @Test(arguments: [true, false]) func spoolStoresAndReadsBack(onDisk: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spool = ResultSpool(directory: onDisk ? folder : nil)
        #expect(spool.location.hasPrefix(onDisk ? "an unnamed file" : "memory"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "the file is unlinked at once")
        let first = try Array("hello".utf8).withUnsafeBytes { try spool.append($0) }
        let second = try Array("world!".utf8).withUnsafeBytes { try spool.append($0) }
        #expect(first == 0 && second == 5 && spool.size == 11)
        #expect(try spool.read(ByteSpan(offset: second, length: 6)) == Array("world!".utf8))
        #expect(try spool.read(ByteSpan(offset: first, length: 5)) == Array("hello".utf8))
        #expect(throws: ResultSpoolError.self) { try spool.read(ByteSpan(offset: 9, length: 10)) }
    }

    @Test func aDiscardedDownloadGivesItsDiskSpaceBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spool = ResultSpool(directory: folder)
        var kept = ResultsCollector(spool: spool)
        try kept.add(Array(#"{"custom_id": "keep"}"#.utf8)[...])
        try kept.finish()
        var failed = ResultsCollector(spool: spool)
        let element = Array((#"{"custom_id": "x", "pad": ""# + String(repeating: "y", count: 4000) + #""}"#).utf8)
        for _ in 0..<1000 { try failed.add(element[...]) }
        try failed.finish()
        let before = try #require(spool.bytesOnDisk)
        #expect(before >= 4_000_000)
        failed.discard()
        #expect(try #require(spool.bytesOnDisk) < 1_000_000, "the failed download's blocks are holes now")
        #expect(try spool.read(kept.items[0].span) == Array(#"{"custom_id": "keep"}"#.utf8), "other downloads keep theirs")
    }

    @Test func collectorSummarizesSkipsJunkAndSumsUsage() throws {
        let spool = ResultSpool(directory: nil)
        var collector = ResultsCollector(spool: spool)
        for element in Self.split(Self.body, chunk: 9).elements + ["[1, 2]"] {
            try collector.add(Array(element.utf8)[...])
        }
        try collector.finish()
        #expect(collector.items.map(\.customID) == ["a", "b}]", "c"])
        #expect(collector.items.map(\.outcome) == [.succeeded, .failed, .notRun])
        #expect(collector.items[1].error == ItemError(code: "rate_limited", message: "slow [down]"))
        #expect(collector.items[1].statusCode == 429 && collector.items[0].totalTokens == 7)
        #expect(collector.usage == TokenUsage(promptTokens: 3, completionTokens: 4, totalTokens: 7))
        let stored = try spool.read(collector.items[2].span)
        #expect(String(decoding: stored, as: UTF8.self).hasPrefix(#"{"custom_id": "c""#))
    }

    @Test(arguments: [
        #"{"custom_id": "a", "response": {"status_code": 200, "body": {"usage": {"prompt_tokens": 3, "completion_tokens": 4}}}}"#,
        #"{"custom_id": "b", "response": {"status_code": 500, "body": {"error": "plain words"}}}"#,
        #"{"custom_id": "c", "response": {"status_code": 400, "body": {"error": {"type": "invalid", "message": "no"}}}}"#,
        #"{"custom_id": "d", "response": {"status_code": 429, "body": {"error": {"code": 7, "type": "t", "message": "m"}}}}"#,
        #"{"custom_id": "e", "response": {"body": {}}, "error": {"code": "x", "message": "y"}}"#,
        #"{"custom_id": "f", "response": "not an object", "error": {"code": "batch_expired", "message": "late"}}"#,
        #"{"custom_id": "g", "response": null, "error": null}"#,
        #"{"response": {"status_code": "200", "body": [1, 2]}}"#,
        #"{"custom_id": "h", "response": {"status_code": 200, "body": {"usage": {"prompt_tokens": 1.5, "total_tokens": 9}}}}"#,
        // Answers: the first choice's content on one line; not text, or no first choice, is none.
        #"{"custom_id": "i", "response": {"status_code": 200, "body": {"choices": [{"message": {"content": "Paris.\n\n  Capital"}}, {"message": {"content": "two"}}]}}}"#,
        #"{"custom_id": "j", "response": {"status_code": 200, "body": {"choices": [{"message": {"content": 7}}]}}}"#,
        #"{"custom_id": "k", "response": {"status_code": 200, "body": {"choices": []}}}"#,
        #"{"custom_id": "l", "response": {"status_code": 200, "body": {"choices": {"0": {"message": {"content": "x"}}}}}}"#,
        // `"error": null` in a succeeded body is no error, in both readings.
        #"{"custom_id": "m", "response": {"status_code": 200, "body": {"error": null, "choices": [{"message": {"content": "ok"}}]}}}"#,
    ])
    func digestReadsResultsAsBatchResultDoes(json: String) throws {
        let result = try JSONDecoder().decode(BatchResult.self, from: Data(json.utf8))
        let digest = try JSONDecoder().decode(ResultDigest.self, from: Data(json.utf8))
        #expect(digest.customID == result.customID)
        #expect(digest.outcome == result.outcome)
        #expect(digest.statusCode == result.response?.statusCode)
        #expect(digest.error == result.effectiveError)
        #expect(digest.usage == result.usage)
        #expect(digest.answerStart == ItemSummary.answerStart(ItemSummary.answerText(ofBody: result.response?.body)))
        if result.customID == "i" { #expect(digest.answerStart == "Paris. Capital") }
        if result.customID == "m" { #expect(result.effectiveError == nil && digest.error == nil) }
        // The parser's reading (what the collector uses) is the same as Codable's.
        #expect(ResultDigest(parsed: try JSONValueParser.parse(json)) == digest)
    }

    @Test func getBatchSpooledMatchesGetBatchOnTheStandIn() async throws {
        let harness = try await ClientHarness.start(speed: 2000)
        let created = try await harness.client.createBatch(ClientHarness.request(count: 40))
        var batch = try await harness.client.getBatch(id: created.id)
        for _ in 0..<200 where !(batch.status?.isTerminal ?? false) {
            try await Task.sleep(for: .milliseconds(50))
            batch = try await harness.client.getBatch(id: created.id)
        }
        let spool = ResultSpool(directory: nil)
        let spooled = try await harness.client.getBatchSpooled(id: created.id, into: spool)
        await harness.stop()
        let results = try #require(batch.results)
        #expect(results.count == 40)
        #expect(spooled.batch.results == nil)
        var expected = batch
        expected.results = nil
        #expect(spooled.batch == expected)
        #expect(spooled.items?.map(\.customID) == results.map(\.customID))
        #expect(spooled.items == results.enumerated().map { ItemSummary($1, span: spooled.items![$0].span) })
        #expect(spooled.usage == results.reduce(TokenUsage()) { $0 + ($1.usage ?? TokenUsage()) })
        // Every span holds exactly that item's object as the server sent it.
        for (item, result) in zip(spooled.items ?? [], results) {
            let stored = try JSONDecoder().decode(BatchResult.self, from: Data(try spool.read(item.span)))
            #expect(stored == result)
        }
    }

    @Test func getBatchSpooledOfARunningBatchHasNoItems() async throws {
        let harness = try await ClientHarness.start(speed: 1)
        let created = try await harness.client.createBatch(ClientHarness.request(count: 3))
        let spool = ResultSpool(directory: nil)
        let spooled = try await harness.client.getBatchSpooled(id: created.id, into: spool)
        await harness.stop()
        #expect(spooled.batch.id == created.id && spooled.items == nil && spool.size == 0)
    }

    @Test func getBatchSpooledFallsBackToTheOutputFileAndStartsOverOnRetry() async throws {
        let server = try await FixtureServer.start { _, path, previous in
            switch (path, previous) {
            case ("/v1/batches/b", 0):
                return .init(status: .serviceUnavailable, body: #"{"error": {"code": "overloaded", "message": "busy"}}"#)
            case ("/v1/files/file_out/content", _):
                return .init(body: #"{"custom_id": "a", "response": {"status_code": 200, "body": {}}, "error": null}"# + "\n\n"
                    + #"{"custom_id": "b", "response": {"status_code": 500, "body": {"error": {"code": "x", "message": "y"}}}}"#)
            default:
                return .init(body: #"{"id": "b", "status": "completed", "output_file_id": "file_out"}"#)
            }
        }
        let sleeps = RecordedSleeps()
        let api = MeshClient(configuration: MeshClientConfiguration(
            baseURL: server.baseURL, apiKey: "rsk_fixturekeyfixturekeyfixture", retry: sleeps.policy()))
        let spool = ResultSpool(directory: nil)
        let spooled = try await api.using { try await $0.getBatchSpooled(id: "b", into: spool) }
        await server.stop()
        #expect(sleeps.all.count == 1)
        #expect(spooled.items?.map(\.customID) == ["a", "b"], "the last line needs no newline")
        #expect(spooled.items?.last?.error?.code == "x")
        #expect(try spool.read(spooled.items![1].span).last == UInt8(ascii: "}"))
    }

    /// A 2 MiB error message over real HTTP: the summary keeps its start and says how long it was,
    /// and the whole message is read back from the spool, as the item body does when opened.
    @Test func aLongMessageIsCappedInTheSummaryAndWholeInTheSpool() async throws {
        let message = String(repeating: "é", count: 2 * 1024 * 1024)
        let long = #"{"custom_id": "big", "response": {"status_code": 500, "body": {"error": {"code": "upstream_error", "message": "\#(message)"}}}}"#
        let short = #"{"custom_id": "small", "response": null, "error": {"code": "batch_cancelled", "message": "never ran"}}"#
        let server = try await FixtureServer.start { _, _, _ in
            .init(body: #"{"id": "b", "status": "completed", "results": ["# + long + "," + short + "]}")
        }
        let api = MeshClient(configuration: MeshClientConfiguration(baseURL: server.baseURL, apiKey: "rsk_fixturekeyfixturekeyfixture"))
        let spool = ResultSpool(directory: NSTemporaryDirectory())
        let spooled = try await api.using { try await $0.getBatchSpooled(id: "b", into: spool) }
        await server.stop()
        let items = try #require(spooled.items)
        #expect(items.map(\.customID) == ["big", "small"])
        let kept = try #require(items[0].error?.message)
        #expect(kept.unicodeScalars.count < ItemSummary.maxErrorCharacters + 100)
        #expect(kept.hasPrefix(String(repeating: "é", count: ItemSummary.maxErrorCharacters)))
        #expect(kept.hasSuffix("… [cut: 2097152 characters in all; the item's body has the whole text]"))
        #expect(items[0].error?.code == "upstream_error" && items[1].error?.message == "never ran")
        let stored = try JSONValueParser.parse(Data(try spool.read(items[0].span)))
        #expect(stored["response"]?["body"]?["error"]?["message"]?.stringValue == message)
    }

    /// The server's bytes go out as they came but for what a terminal would act on, across every
    /// chunk boundary; `oneLine` drops only the whitespace between tokens.
    @Test func terminalSafeJSONKeepsTheBytesAndEscapesOnlyWhatATerminalWouldActOn() throws {
        let body = "{\"n\": 12345678901234567891,  \"s\": \"caf\u{e9} \\u00e9 \\\" \u{202E}rtl\u{7F}\u{9B}\u{2066}\u{200F}\u{2028} 🚀\",\n \"raw\": \"a\u{1B}b\"}"
        let safe = "{\"n\": 12345678901234567891,  \"s\": \"caf\u{e9} \\u00e9 \\\" \\u202ertl\\u007f\\u009b\\u2066\\u200f\\u2028 🚀\",\n \"raw\": \"a\\u001bb\"}"
        let oneLine = "{\"n\":12345678901234567891,\"s\":\"caf\u{e9} \\u00e9 \\\" \\u202ertl\\u007f\\u009b\\u2066\\u200f\\u2028 🚀\",\"raw\":\"a\\u001bb\"}"
        let bytes = Array(body.utf8)
        for size in [1, 2, 3, 5, bytes.count] {
            for (compact, expected) in [(false, safe), (true, oneLine)] {
                var copier = TerminalSafeJSON(oneLine: compact)
                var output: [UInt8] = []
                var start = 0
                while start < bytes.count {
                    copier.copy(bytes[start..<min(bytes.count, start + size)], into: &output)
                    start += size
                }
                copier.finish(into: &output)
                #expect(String(decoding: output, as: UTF8.self) == expected, "chunks of \(size), oneLine \(compact)")
            }
        }
        // Still JSON, and the same values as the server's (the raw ESC made it valid, as \u001b).
        let read = try JSONValueParser.parse(oneLine)
        #expect(read["s"]?.stringValue == "caf\u{e9} \u{e9} \" \u{202E}rtl\u{7F}\u{9B}\u{2066}\u{200F}\u{2028} 🚀")
    }
}
