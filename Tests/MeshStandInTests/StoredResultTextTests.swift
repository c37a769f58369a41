import Foundation
import MeshAPI
@testable import MeshStandIn
import NIOCore
import Testing

/// An upstream's answer is read straight into the result's text, never parsed and encoded again:
/// the text is exactly what `JSONText` writes for the same result, and over loopback an answer's
/// own bytes (a number past 2^53, odd spacing, a byte order mark) come back as they were sent.
@Suite(.timeLimit(.minutes(1))) struct StoredResultTextTests {
    /// The answer's chunks as a stored result's text, as `UpstreamRunner` reads them in.
    private func framed(customID: String, status: Int, _ chunks: [[UInt8]], expecting: Int = 0) -> (text: String, answer: String) {
        var text = StoredResultText(customID: customID, status: status, expectedAnswerBytes: expecting)
        for chunk in chunks { text.append(ByteBuffer(bytes: chunk)) }
        text.finish()
        return (String(buffer: text.text), String(buffer: text.answer))
    }

    @Test func theFramedTextIsTheEncodedResult() throws {
        let body = #"{"choices":[{"index":0,"message":{"content":"caf\u00e9 \"q\"","role":"assistant"}}],"id":"x"}"#
        for customID in ["doc-1", "quote\"slash/\u{7}é"] {
            let spliced = framed(customID: customID, status: 200, [Array(body.utf8)]).text
            let encoded = try JSONText.string(BatchResult(
                customID: customID, response: ItemResponse(statusCode: 200, body: try JSONValueParser.parse(body)), error: nil))
            #expect(try JSONValueParser.parse(spliced) == JSONValueParser.parse(encoded))
        }
        // A byte order mark is dropped, whether or not the size was known and however the bytes came.
        for expecting in [0, 5] {
            let marked = framed(customID: "a", status: 201, [[0xEF, 0xBB], [0xBF] + Array("{}".utf8)], expecting: expecting)
            #expect(marked.text == #"{"custom_id":"a","error":null,"response":{"body":{},"status_code":201}}"#)
            #expect(marked.answer == "{}")
        }
        let plain = framed(customID: "b", status: 500, [Array(#"{"error""#.utf8), Array(":1}".utf8)], expecting: 1)
        #expect(plain.text == #"{"custom_id":"b","error":null,"response":{"body":{"error":1},"status_code":500}}"#)
        #expect(plain.answer == #"{"error":1}"#)
    }

    @Test func anAnswerIsStoredAsItCame() async throws {
        let answer = #"{ "id": "chatcmpl-raw", "seed": 12345678901234567890, "object":"chat.completion", "#
            + #""choices": [ {"index": 0, "message": {"role": "assistant", "content": "x"}, "finish_reason": "stop"} ] }"#
        let upstream = try await FixtureServer.start(port: 0) { seen, _ in
            guard seen.method == "POST" else { return UpstreamFixture.models }
            return FixtureServer.Reply(body: "\u{FEFF}" + answer)
        }
        let harness = try await UpstreamFixture.standIn(upstream)
        let done = try await harness.createAndFinish(StandInHarness.batchBody(count: 1))
        #expect(done.requestCounts == RequestCounts(total: 1, completed: 1, failed: 0))
        let raw = String(decoding: try await harness.call("GET", "/v1/batches/\(done.id)").body, as: UTF8.self)
        #expect(raw.contains(#""body":\#(answer),"status_code":200"#), "\(raw.suffix(400))")
        await harness.stop()
        await upstream.stop()
    }
}
