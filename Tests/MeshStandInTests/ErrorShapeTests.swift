import Foundation
import MeshAPI
import Testing
import MeshtopTestSupport

/// Every error status of mesh-api.md, in the body shape the contract puts it in.
@Suite struct ErrorShapeTests {
    private func expectEnvelope(_ reply: StandInHarness.Reply, status: Int, code: String,
                                sourceLocation: SourceLocation = #_sourceLocation)
    {
        #expect(reply.status == status, sourceLocation: sourceLocation)
        #expect(reply.json["error"]?["code"]?.stringValue == code, sourceLocation: sourceLocation)
        #expect(reply.json["error"]?["message"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(reply.json["request_id"]?.stringValue == reply.header("x-request-id"), sourceLocation: sourceLocation)
    }

    private func expectValidation(_ reply: StandInHarness.Reply, loc: [JSONValue],
                                  sourceLocation: SourceLocation = #_sourceLocation)
    {
        #expect(reply.status == 422, sourceLocation: sourceLocation)
        let locs = reply.json["detail"]?.arrayValue?.compactMap { $0["loc"] } ?? []
        #expect(locs.contains(.array(loc)), "locs were \(locs)", sourceLocation: sourceLocation)
    }

    @Test func unauthorizedAndRequestIDs() async throws {
        let harness = try await StandInHarness.start()
        try await withTeardown({ await harness.stop() }) {
            let missing = try await harness.call("GET", "/v1/batches", key: nil)
            expectEnvelope(missing, status: 401, code: "unauthorized")
            let unknown = try await harness.call("GET", "/v1/models", key: "rsk_nope")
            expectEnvelope(unknown, status: 401, code: "unauthorized")
            let minted = try #require(unknown.header("x-request-id"))
            #expect(minted.hasPrefix("req_") && minted.count == 30)

            let echoed = try await harness.call("GET", "/v1/batches", headers: [("X-Request-Id", "trace-1.2:3_x")])
            #expect(echoed.header("x-request-id") == "trace-1.2:3_x")
            let invalid = try await harness.call("GET", "/v1/batches", headers: [("X-Request-Id", "bad id!")])
            #expect(invalid.header("x-request-id")?.hasPrefix("req_") == true)
            let models = try await harness.call("GET", "/v1/models")
            #expect(models.status == 200)
            #expect(models.header("x-request-id")?.hasPrefix("req_") == true)
            #expect(models.json.arrayValue?.contains { $0["supports_batching"]?.boolValue == false } == true)
            #expect(models.json[0]?["pricing"]?["batch_input_usd_per_1m"]?.stringValue == "0.075")
        }
    }

    /// The owner is resolved once, before any route (`OwnerAuthenticator`, `OwnedRequestContext`):
    /// each of the five endpoints answers the same 401 envelope for no key, an unknown key and
    /// another scheme, before it reads a body or looks a batch up; and the same key with spaces
    /// around it still names its owner.
    @Test func everyRouteNeedsAnOwner() async throws {
        let harness = try await StandInHarness.start()
        try await withTeardown({ await harness.stop() }) {
            let created = try await harness.create(StandInHarness.batchBody(count: 1))
            #expect(created.status == 200)
            let id = try #require(created.json["id"]?.stringValue)
            let routes: [(String, String, Data?)] = [
                ("GET", "/v1/models", nil), ("GET", "/v1/batches", nil), ("GET", "/v1/batches?limit=1", nil),
                ("POST", "/v1/batches", Data("{nope".utf8)), ("GET", "/v1/batches/\(id)", nil),
                ("POST", "/v1/batches/\(id)/cancel", nil),
            ]
            for (method, path, body) in routes {
                for key in [nil, "rsk_unknownunknownunknownunkn"] as [String?] {
                    expectEnvelope(try await harness.call(method, path, key: key, body: body), status: 401, code: "unauthorized")
                }
                let basic = try await harness.call(method, path, key: nil, body: body,
                                                   headers: [("Authorization", "Basic \(StandInHarness.keyA)")])
                expectEnvelope(basic, status: 401, code: "unauthorized")
            }
            let spaced = try await harness.call("GET", "/v1/batches/\(id)", key: " \(StandInHarness.keyA) ")
            #expect(spaced.status == 200)
            #expect(try await harness.call("GET", "/v1/batches/\(id)", key: StandInHarness.keyB).status == 404)
        }
    }

    @Test func createValidationPointsAtTheField() async throws {
        let harness = try await StandInHarness.start()
        try await withTeardown({ await harness.stop() }) {
            let notJSON = try await harness.call("POST", "/v1/batches", body: Data("{nope".utf8))
            expectValidation(notJSON, loc: loc("body"))
            expectValidation(try await harness.create(.array([])), loc: loc("body"))
            expectValidation(try await harness.create(.object([:])), loc: loc("body", "requests"))
            expectValidation(try await harness.create(.object(["requests": .string("x")])), loc: loc("body", "requests"))
            expectValidation(try await harness.create(.object(["requests": .array([])])), loc: loc("body", "requests"))

            func mutated(_ index: Int, _ change: (inout [String: JSONValue]) -> Void) -> JSONValue {
                var body = StandInHarness.batchBody(count: 5)
                guard case .object(var root) = body, case .array(var items) = root["requests"]!,
                      case .object(var item) = items[index] else { return body }
                change(&item)
                items[index] = .object(item)
                root["requests"] = .array(items)
                body = .object(root)
                return body
            }
            expectValidation(try await harness.create(mutated(3) { $0["custom_id"] = nil }),
                             loc: loc("body", "requests", 3, "custom_id"))
            expectValidation(try await harness.create(mutated(3) { $0["custom_id"] = .string("") }),
                             loc: loc("body", "requests", 3, "custom_id"))
            expectValidation(try await harness.create(mutated(2) { $0["custom_id"] = .string(String(repeating: "x", count: 65)) }),
                             loc: loc("body", "requests", 2, "custom_id"))
            expectValidation(try await harness.create(mutated(4) { $0["custom_id"] = .string("doc-0") }),
                             loc: loc("body", "requests", 4, "custom_id"))
            expectValidation(try await harness.create(mutated(1) { $0["body"] = nil }), loc: loc("body", "requests", 1, "body"))
            expectValidation(try await harness.create(mutated(1) { $0["body"] = .object([:]) }),
                             loc: loc("body", "requests", 1, "body", "model"))
            expectValidation(try await harness.create(mutated(2) { $0["body"] = .object(["model": .string("openai/gpt-5-nano")]) }),
                             loc: loc("body", "requests", 2, "body", "model"))
            expectValidation(try await harness.create(mutated(0) { $0["url"] = .string("/v1/embeddings") }),
                             loc: loc("body", "requests", 0, "url"))
            expectValidation(try await harness.create(mutated(0) { $0["method"] = .string("GET") }),
                             loc: loc("body", "requests", 0, "method"))
            // A url that is not a string at all is refused at the url too, not taken for the default.
            expectValidation(try await harness.create(mutated(0) { $0["url"] = .bool(true) }),
                             loc: loc("body", "requests", 0, "url"))
            var badWindow = StandInHarness.batchBody(count: 1)
            if case .object(var root) = badWindow { root["completion_window"] = .string("soon"); badWindow = .object(root) }
            expectValidation(try await harness.create(badWindow), loc: loc("body", "completion_window"))
            var badMetadata = StandInHarness.batchBody(count: 1)
            if case .object(var root) = badMetadata { root["metadata"] = .string("x"); badMetadata = .object(root) }
            expectValidation(try await harness.create(badMetadata), loc: loc("body", "metadata"))

            // Built as text: encoding 50,001 items through JSONEncoder in a debug build takes seconds.
            let item = #"{"custom_id":"c%d","body":{"model":"openai/gpt-4o-mini","messages":[]}}"#
            let text = "{\"requests\":[" + (0...50_000).map { String(format: item, $0) }.joined(separator: ",") + "]}"
            let tooMany = try await harness.call("POST", "/v1/batches", body: Data(text.utf8))
            expectValidation(tooMany, loc: loc("body", "requests"))

            // Nothing refused was stored.
            let list = try await harness.call("GET", "/v1/batches")
            #expect(list.page?.data.isEmpty == true)
        }
    }

    @Test func catalogConflictsAndMissingThings() async throws {
        let harness = try await StandInHarness.start { $0.speed = 0.001 }
        try await withTeardown({ await harness.stop() }) {
            expectEnvelope(try await harness.create(StandInHarness.batchBody(count: 1, model: "acme/unknown-9")),
                           status: 404, code: "model_not_found")
            expectEnvelope(try await harness.create(StandInHarness.batchBody(count: 1, model: "groq/llama-3.3-70b-versatile")),
                           status: 501, code: "not_implemented")
            let bare = try await harness.create(StandInHarness.batchBody(count: 1, model: "gpt-4o-mini"))
            #expect(bare.status == 200)
            #expect(bare.batch?.model == "openai/gpt-4o-mini")
            #expect(bare.batch?.provider == "openai")
            #expect(bare.batch?.status == .validating)
            #expect(bare.batch?.id.hasPrefix("batch_") == true && bare.batch?.id == bare.batch?.id.lowercased())

            expectEnvelope(try await harness.call("GET", "/v1/batches/batch_missing"), status: 404, code: "not_found")
            expectEnvelope(try await harness.call("POST", "/v1/batches/batch_missing/cancel", body: Data("{}".utf8)),
                           status: 404, code: "not_found")
            expectValidation(try await harness.call("GET", "/v1/batches?limit=0"), loc: loc("query", "limit"))
            expectValidation(try await harness.call("GET", "/v1/batches?limit=101"), loc: loc("query", "limit"))
            expectValidation(try await harness.call("GET", "/v1/batches?after=batch_nope"), loc: loc("query", "after"))

            // Limit of 10 non-terminal batches.
            for _ in 0..<9 { #expect(try await harness.create(StandInHarness.batchBody(count: 1)).status == 200) }
            let refused = try await harness.create(StandInHarness.batchBody(count: 1))
            expectEnvelope(refused, status: 429, code: "batch_limit_exceeded")
            #expect(refused.header("retry-after") != nil)

            // Cancel: non-terminal -> cancelling; again -> 200 as it is.
            let id = try #require(bare.batch?.id)
            let cancel = try await harness.call("POST", "/v1/batches/\(id)/cancel", body: Data("{}".utf8))
            #expect(cancel.status == 200 && cancel.batch?.status == .cancelling && cancel.batch?.cancellingAt != nil)
            let again = try await harness.call("POST", "/v1/batches/\(id)/cancel")
            #expect(again.status == 200 && again.batch?.status == .cancelling)
        }
    }

    @Test func conflictOnTerminalAndTooLarge() async throws {
        let harness = try await StandInHarness.start()
        try await withTeardown({ await harness.stop() }) {
            let id = try #require(try await harness.create(StandInHarness.batchBody(count: 2)).batch?.id)
            _ = try await harness.waitFor(id) { $0.status == .completed }
            expectEnvelope(try await harness.call("POST", "/v1/batches/\(id)/cancel"), status: 409, code: "conflict")

            let huge = Data(count: 100 * 1024 * 1024 + 1)
            let tooLarge = try await harness.call("POST", "/v1/batches", body: huge)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.json["error"]?["code"]?.stringValue != nil)
        }
    }

    /// The 64-character limit counts code points, as Python's len() does: one grapheme of a letter
    /// and 200 combining marks is 201 characters, not one.
    @Test func customIDLimitCountsCodePoints() async throws {
        let harness = try await StandInHarness.start { $0.speed = 0.001 }
        try await withTeardown({ await harness.stop() }) {
            func body(customID: String) -> JSONValue {
                .object(["requests": .array([.object([
                    "custom_id": .string(customID),
                    "body": .object(["model": .string("openai/gpt-4o-mini"), "messages": .array([])]),
                ])])])
            }
            let marks = "a" + String(repeating: "\u{301}", count: 200)
            #expect(marks.count == 1 && marks.unicodeScalars.count == 201)
            expectValidation(try await harness.create(body(customID: marks)), loc: loc("body", "requests", 0, "custom_id"))
            let sixtySix = String(repeating: "e\u{301}", count: 33)
            expectValidation(try await harness.create(body(customID: sixtySix)), loc: loc("body", "requests", 0, "custom_id"))
            // 64 code points pass, however many bytes they take.
            #expect(try await harness.create(body(customID: String(repeating: "e\u{301}", count: 32))).status == 200)
            #expect(try await harness.create(body(customID: String(repeating: "語", count: 64))).status == 200)
        }
    }

    /// A 422 quotes the offending value, but cut: a 5 MB custom_id or a 5 MB body that is not an
    /// object comes back as an answer of a few KiB that says how long the value was.
    @Test func aRefusedValueIsEchoedCutNotWhole() async throws {
        let harness = try await StandInHarness.start()
        try await withTeardown({ await harness.stop() }) {
            let long = String(repeating: "x", count: 5 << 20)
            let refusedID = try await harness.create(.object(["requests": .array([.object([
                "custom_id": .string(long),
                "body": .object(["model": .string("openai/gpt-4o-mini"), "messages": .array([])]),
            ])])]))
            expectValidation(refusedID, loc: loc("body", "requests", 0, "custom_id"))
            #expect(refusedID.body.count < 16_384, "answer of \(refusedID.body.count) bytes")
            let echoed = refusedID.json["detail"]?[0]?["input"]?.stringValue ?? ""
            #expect(echoed.hasPrefix("xxxx") && echoed.hasSuffix("…[cut: 5242880 characters in all]"), "\(echoed.suffix(60))")

            let notAnObject = try await harness.create(.array((0..<100_000).map { .string("item \($0)") }))
            expectValidation(notAnObject, loc: loc("body"))
            #expect(notAnObject.body.count < 64 << 10, "answer of \(notAnObject.body.count) bytes")
            let items = notAnObject.json["detail"]?[0]?["input"]?.arrayValue ?? []
            #expect(items.first == .string("item 0") && items.last == .string("…[cut: 100000 items in all]"))
        }
    }
}
