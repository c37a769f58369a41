import Foundation
import Testing
@testable import MeshAPI

/// `BatchListPage.parsed` (the JSON parser) against `JSONDecoder` (the Codable reading it replaces
/// for list pages): the same batches from the same bytes, hostile ones included, but for `results`,
/// which the parsed reading leaves out on purpose.
@Suite struct ParsedListPageTests {
    static let pages: [String] = [
        #"{"data": [{"id": "b1", "created_at": 1e400}], "has_more": false}"#,
        #"{"object": "list", "data": [], "has_more": false}"#,
        #"{"data": [{"id": "b1"}], "has_more": true, "last_id": "b1", "first_id": "b1", "extra": {"x": [1, 2]}}"#,
        """
        {"object": "list", "has_more": "yes", "last_id": 7, "data": [
          {"id": "b1", "object": "batch", "endpoint": "/v1/chat/completions", "model": "openai/gpt-4o-mini", "provider": "openai",
           "status": "in_progress", "completion_window": "24h", "created_at": 1764000000, "in_progress_at": 1764000004.75,
           "expires_at": 1e30, "finalizing_at": null, "completed_at": -9223372036854775808, "failed_at": "soon",
           "expired_at": 253402300800, "cancelling_at": -62135596800, "cancelled_at": 1764000010,
           "request_counts": {"total": 500, "completed": 212, "failed": -3}, "metadata": {"project": "Q2", "n": 1, "nested": {"a": [true, null]}},
           "usage_synced": false, "input_file_id": null, "output_file_id": "file_1", "error_file_id": 3,
           "errors_detail": [{"code": "bad", "message": "line two", "param": "body", "line": 2}],
           "results": [{"custom_id": "x", "response": null, "error": {"code": "batch_cancelled", "message": "m"}}]},
          {"status": "completed"},
          {"id": 12},
          {"id": "b2", "status": 5, "request_counts": [1, 2], "metadata": "not an object", "usage_synced": 1,
           "errors_detail": [{"code": "a"}, "not an object"], "created_at": 1e300},
          {"id": "b3", "request_counts": {"total": 1e30, "completed": 2.5, "failed": 1099511627777},
           "errors_detail": {"code": "not an array"}, "created_at": 1764000000.0, "status": "some_new_status"},
          "a string row",
          {"id": "b4\\u202e", "errors_detail": [{"line": "two", "message": 4}], "model": "\\ud83d\\ude80"}
        ]}
        """,
    ]

    @Test(arguments: pages) func readsAsCodableDoes(page text: String) throws {
        let data = Data(text.utf8)
        let parsedOrNil = try? BatchListPage.parsed(from: data)
        let decodedOrNil = try? JSONDecoder().decode(BatchListPage.self, from: data)
        // A page the parser refuses (1e400) is read by Codable instead: never one refused that Codable reads.
        #expect((parsedOrNil == nil) == (decodedOrNil == nil))
        guard let parsed = parsedOrNil, var decoded = decodedOrNil else { return }
        for index in decoded.data.indices { decoded.data[index].results = nil }
        #expect(parsed.data == decoded.data)
        #expect(parsed.skippedRows == decoded.skippedRows)
        #expect(parsed.object == decoded.object && parsed.firstID == decoded.firstID && parsed.lastID == decoded.lastID)
        #expect(parsed.hasMore == decoded.hasMore)
    }

    @Test func notAnObjectIsADecodingError() {
        for text in ["[]", "{\"data\": [", "null"] {
            #expect(throws: MeshError.self) { try BatchListPage.parsed(from: Data(text.utf8)) }
        }
    }
}
