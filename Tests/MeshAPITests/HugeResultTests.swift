import Foundation
import Testing
@testable import MeshAPI
import MeshtopTestSupport

/// One result too big to hold (issue 15: 200 results with 10 MiB messages took the dashboard to
/// 2.1 GB, one 1 GiB result to 4.1 GB): it goes to the spool in pieces, its summary is read from a
/// capped copy, and no step holds its whole text.
extension BigAnswerSerialSuite {
    @Suite struct HugeResultTests {
        /// The copy is valid JSON wherever a string is cut (inside escapes, UTF-8 sequences and surrogate
        /// pairs), keeps each string's start, and says how long the whole string was.
        @Test func aCappedCopyCutsBetweenCharactersAtEveryLimit() throws {
            let text = #"aé\n\"😀\ud83d\ude00\u00e9x€"# + String(repeating: "z", count: 40)
            let document = Array(#"{"k": "\#(text)", "n": [1, 2.5, true, null], "short": "ok"}"#.utf8)
            let whole = try #require(JSONValueParser.parse(Data(document))["k"]?.stringValue)
            // From 5 bytes on: keys are strings too (cut like any; real ones are far below the limits used).
            for limit in 5...60 {
                for piece in [1, 3, document.count] {
                    var copy = CappedJSONCopy(stringLimit: limit, byteLimit: 1 << 20)
                    var start = 0
                    while start < document.count {
                        let end = min(document.count, start + piece)
                        document[start..<end].withUnsafeBytes { copy.consume($0) }
                        start = end
                    }
                    let value = try JSONValueParser.parse(Data(copy.bytes))
                    let kept = try #require(value["k"]?.stringValue)
                    #expect(value["n"] == .array([.number(1), .number(2.5), .bool(true), .null]))
                    #expect(value["short"]?.stringValue == "ok")
                    if let (start, characters) = CappedJSONCopy.cut(kept) {
                        #expect(whole.unicodeScalars.starts(with: start.unicodeScalars), "limit \(limit)")
                        #expect(characters == whole.unicodeScalars.count, "limit \(limit)")
                        #expect(start.utf8.count <= limit + 12, "limit \(limit): at most one character (an escaped pair) past it")
                    } else {
                        #expect(kept == whole, "limit \(limit)")
                    }
                }
            }
        }

        @Test func aCappedCopyStopsGrowingPastItsByteLimit() {
            var copy = CappedJSONCopy(stringLimit: 8, byteLimit: 100)
            let numbers = Array(("[" + (0..<1000).map(String.init).joined(separator: ",") + "]").utf8)
            numbers.withUnsafeBytes { copy.consume($0) }
            #expect(copy.overflowed && copy.bytes.count == 100 && copy.consumed == Int64(numbers.count))
        }

        /// The splitter hands a huge element on in pieces of at most the spill size, and the collector
        /// writes them to the spool as they come: the largest buffer any step holds is a piece (1 MiB)
        /// and the capped copy, not the 32 MiB message. Fails if either holds the whole text.
        @Test func aHugeResultIsWrittenInPiecesAndSummarizedFromACappedCopy() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let spool = ResultSpool(directory: folder)
            let message = String(repeating: "ab\\n", count: 8 << 20)  // 32 MiB as sent; 24 Mi characters, an escaped newline being one
            let huge = #"{"custom_id": "huge", "response": {"status_code": 500, "body": {"error": {"code": "upstream_error", "message": "\#(message)"}}}}"#
            let small = #"{"custom_id": "small", "response": {"status_code": 200, "body": {"usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}}}}"#
            let body = Array((#"{"id": "b", "status": "completed", "results": ["# + small + "," + huge + "," + small + "]}").utf8)
            var splitter = BatchBodySplitter()
            var collector = ResultsCollector(spool: spool)
            var largestPiece = 0
            var start = 0
            while start < body.count {  // 64 KiB at a time, as off a socket
                let end = min(body.count, start + 65_536)
                try body[start..<end].withUnsafeBytes { chunk in
                    try splitter.consume(chunk, spillingAt: ResultsCollector.largeElementBytes) { piece, last in
                        largestPiece = max(largestPiece, piece.count)
                        try collector.add(piece: piece, last: last)
                    }
                }
                start = end
            }
            try collector.finish()
            #expect(largestPiece <= ResultsCollector.largeElementBytes, "no piece is the whole result")
            let items = collector.items
            #expect(items.map(\.customID) == ["small", "huge", "small"])
            #expect(collector.usage.totalTokens == 6)
            let message0 = try #require(items[1].error?.message)
            #expect(message0.unicodeScalars.count < ItemSummary.maxErrorCharacters + 100)
            #expect(message0.hasSuffix("… [cut: \(24 << 20) characters in all; the item's body has the whole text]"))
            #expect(items[1].error?.code == "upstream_error" && items[1].outcome == .failed && items[1].statusCode == 500)
            // The spool has the result byte for byte, and only it: the reservation's unused tail was given back.
            #expect(items[1].span.length == huge.utf8.count)
            #expect(try spool.read(items[1].span) == Array(huge.utf8))
            #expect(try spool.read(items[2].span) == Array(small.utf8))
            #expect(spool.size == Int64(2 * small.utf8.count + huge.utf8.count))
            // Its capped copy, as the item body reads it: bounded, and it knows the whole length.
            let copy = try CappedJSONCopy.read(items[1].span, from: spool, stringLimit: 4096, byteLimit: 1 << 20)
            #expect(!copy.overflowed && copy.bytes.count < 8192 && copy.consumed == Int64(huge.utf8.count))
            let shown = try #require(JSONValueParser.parse(Data(copy.bytes))["response"]?["body"]?["error"]?["message"]?.stringValue)
            #expect(CappedJSONCopy.cut(shown)?.characters == 24 << 20)
        }

        /// Over real HTTP, with the client's own cap on results: a failed download of a huge result
        /// gives its spool space back, and a good one reads back whole.
        @Test(.timeLimit(.minutes(2))) func aHugeResultOverHTTPIsSpooledNotHeld() async throws {
            let chunk = String(repeating: "x", count: 65_536)
            let head = #"{"id": "b", "status": "completed", "results": [{"custom_id": "big", "response": {"status_code": 200, "body": {"choices": [{"message": {"content": ""#
            let tail = #""}}]}}}]}"#
            let server = try await FixtureServer.start { _, _, _ in .init(body: chunk, repeatCount: 256, head: head, tail: tail) }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try await withTeardown({ await server.stop() }) {
                let spool = ResultSpool(directory: folder)
                let api = MeshClient(configuration: MeshClientConfiguration(baseURL: server.baseURL, apiKey: "rsk_fixturekeyfixturekeyfixture"))
                let spooled = try await api.using { try await $0.getBatchSpooled(id: "b", into: spool) }
                let item = try #require(spooled.items?.first)
                #expect(item.customID == "big" && item.outcome == .succeeded)
                #expect(item.span.length == head.utf8.count - #"{"id": "b", "status": "completed", "results": ["#.utf8.count + (16 << 20) + tail.utf8.count - 2)
                #expect(spool.size == Int64(item.span.length))

                let capped = MeshClient(configuration: MeshClientConfiguration(baseURL: server.baseURL, apiKey: "rsk_fixturekeyfixturekeyfixture",
                                                                               maxResultsBytes: 8 << 20))
                await #expect(throws: MeshError.self) { try await capped.using { try await $0.getBatchSpooled(id: "b", into: spool) } }
                #expect(spool.bytesOnDisk.map { $0 < Int64(item.span.length) + (2 << 20) } == true, "the failed one's pieces were punched out")
            }
        }
    }
}
