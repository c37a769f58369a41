import Foundation
import MeshAPI
import Testing
@testable import MeshStandIn

/// A terminal batch's GET answer splices the stored result texts in; the rest is the encoder's.
@Suite struct BatchBodyEncoderTests {
    /// Metadata that holds the very bytes the encoder looks for, as a key and inside a string.
    private func batch(status: BatchStatus) throws -> Batch {
        try JSONDecoder().decode(Batch.self, from: Data("""
            {"id": "batch_1", "object": "batch", "status": "\(status.rawValue)", "created_at": 1,
             "metadata": {"results": null, "note": "\\"results\\":null", "a\\"results": null, "zz": "last key"},
             "request_counts": {"total": 2, "completed": 1, "failed": 1}}
            """.utf8))
    }

    private func json(_ data: Data) -> [String: JSONValue]? {
        (try? JSONDecoder().decode(JSONValue.self, from: data))?.objectValue
    }

    @Test func storedResultsAreSplicedInAsTheyAre() throws {
        // Spacing no encoder writes: if these bytes show up whole, they were copied, not re-encoded.
        let texts = [#"{ "custom_id" : "a" , "response" : {"status_code": 200, "body": {}} }"#,
                     #"{"custom_id":"b","response":null,"error":{"code":"x","message":"y"}}"#]
        let batch = try batch(status: .completed)
        let data = try BatchBodyEncoder.encode(batch, resultTexts: texts)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(texts[0]) && text.contains(texts[1]))

        var fields = try #require(json(data), "not one JSON object: \(text)")
        let results = fields.removeValue(forKey: "results")?.arrayValue ?? []
        #expect(results.map { $0["custom_id"]?.stringValue } == ["a", "b"])
        var plain = try #require(json(try JSONText.encoder().encode(batch)))
        #expect(plain.removeValue(forKey: "results") == .null)
        #expect(fields == plain, "every other field, the metadata's own \"results\" among them, is unchanged")
    }

    @Test func noResultsAnEmptyListOrNull() throws {
        let cancelled = try batch(status: .cancelled)
        let empty = try #require(json(try BatchBodyEncoder.encode(cancelled, resultTexts: [])))
        #expect(empty["results"] == .array([]))
        let running = try batch(status: .inProgress)
        let pending = try BatchBodyEncoder.encode(running, resultTexts: nil)
        #expect(pending == (try JSONText.encoder().encode(running)))
        #expect(json(pending)?["results"] == .null)
    }
}
