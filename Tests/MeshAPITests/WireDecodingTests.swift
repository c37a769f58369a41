import Foundation
import Testing
@testable import MeshAPI

@Suite struct WireDecodingTests {
    @Test func batchToleratesMissingNullAndUnknownFields() throws {
        let json = #"{"id": "b1", "status": "paused_by_ops", "created_at": 1764000000.5, "request_counts": null, "surprise": {"x": 1}, "metadata": {"n": 3}}"#
        let batch = try JSONDecoder().decode(Batch.self, from: Data(json.utf8))
        #expect(batch.id == "b1")
        #expect(batch.status?.rawValue == "paused_by_ops")
        #expect(batch.isTerminal == false)
        #expect(batch.createdAt == 1764000000)
        #expect(batch.requestCounts == nil)
        #expect(batch.metadata?["n"] == .number(3))
    }

    @Test func batchEncodesNullsExplicitly() throws {
        let data = try JSONEncoder().encode(Batch(id: "b2", status: .validating))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["finalizing_at"] is NSNull)
        #expect(object?["status"] as? String == "validating")
    }

    @Test func resultOutcomes() throws {
        let ok = BatchResult(customID: "a", response: ItemResponse(statusCode: 200, body: .object(["usage": .object(["prompt_tokens": .number(3), "completion_tokens": .number(4)])])), error: nil)
        let bad = BatchResult(customID: "b", response: ItemResponse(statusCode: 429, body: .object(["error": .object(["code": .string("rate_limit_exceeded"), "message": .string("slow down")])])), error: nil)
        let unrun = BatchResult(customID: "c", response: nil, error: ItemError(code: "batch_cancelled", message: "cancelled"))
        #expect(ok.outcome == .succeeded)
        #expect(ok.usage == TokenUsage(promptTokens: 3, completionTokens: 4))
        #expect(bad.outcome == .failed)
        #expect(bad.effectiveError?.code == "rate_limit_exceeded")
        #expect(unrun.outcome == .notRun)
        #expect(unrun.effectiveError?.code == "batch_cancelled")
    }

    @Test func validationBodyReadsBothForms() throws {
        let list = try JSONDecoder().decode(ValidationErrorBody.self, from: Data(#"{"detail":[{"type":"missing","loc":["body","requests",3,"custom_id"],"msg":"Field required"}]}"#.utf8))
        #expect(list.summary == "body.requests.3.custom_id: Field required")
        let plain = try JSONDecoder().decode(ValidationErrorBody.self, from: Data(#"{"detail":"nope"}"#.utf8))
        #expect(plain.summary == "nope")
    }
}
