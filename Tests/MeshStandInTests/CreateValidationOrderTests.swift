import Foundation
import MeshAPI
import Testing
import MeshtopTestSupport

/// The create body is checked while it is read (`requests` element by element): what is refused,
/// what is kept and in what order the issues are listed must not depend on where in the text a
/// member stands.
@Suite struct CreateValidationOrderTests {
    private static func item(_ id: String, extra: String = "") -> String {
        #"{"custom_id":"\#(id)","body":{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]\#(extra)}}"#
    }

    private static func locs(_ reply: StandInHarness.Reply) -> [JSONValue] {
        reply.json["detail"]?.arrayValue?.compactMap { $0["loc"] } ?? []
    }

    @Test func aStreamedRequestIsRefusedAtItsField() async throws {
        let harness = try await StandInHarness.start()
        try await withTeardown({ await harness.stop() }) {
            let body = #"{"requests":[\#(Self.item("a")),\#(Self.item("b", extra: #","stream":true"#))]}"#
            let refused = try await harness.call("POST", "/v1/batches", body: Data(body.utf8))
            #expect(refused.status == 422)
            #expect(Self.locs(refused) == [.array(loc("body", "requests", 1, "body", "stream"))])
            let notStreamed = #"{"requests":[\#(Self.item("a", extra: #","stream":false"#))]}"#
            #expect(try await harness.call("POST", "/v1/batches", body: Data(notStreamed.utf8)).status == 200)
        }
    }

    /// Issues are listed top-level fields first, then the requests in their order, wherever
    /// `requests` stands in the text.
    @Test func issuesAreListedInTheSameOrderWhereverRequestsStands() async throws {
        let harness = try await StandInHarness.start()
        try await withTeardown({ await harness.stop() }) {
            let requests = #""requests":[\#(Self.item("a")),{"body":{"model":"openai/gpt-4o-mini"}}]"#
            let window = #""completion_window":"soon""#
            let expected: [JSONValue] = [.array(loc("body", "completion_window")), .array(loc("body", "requests", 1, "custom_id"))]
            for text in ["{\(requests),\(window)}", "{\(window),\(requests)}"] {
                let refused = try await harness.call("POST", "/v1/batches", body: Data(text.utf8))
                #expect(refused.status == 422)
                #expect(Self.locs(refused) == expected, "for \(text)")
            }
        }
    }

    /// A repeated `requests` keeps its last value, as Python's json (Mesh's reader) does.
    @Test func aRepeatedRequestsKeyKeepsTheLastOne() async throws {
        let harness = try await StandInHarness.start()
        try await withTeardown({ await harness.stop() }) {
            let badThenGood = #"{"requests":[{"custom_id":"x"}],"requests":[\#(Self.item("kept-1")),\#(Self.item("kept-2"))]}"#
            let accepted = try await harness.call("POST", "/v1/batches", body: Data(badThenGood.utf8))
            #expect(accepted.status == 200)
            #expect(accepted.batch?.requestCounts?.total == 2)
            let goodThenBad = #"{"requests":[\#(Self.item("a"))],"requests":[{"custom_id":"x"}]}"#
            let refused = try await harness.call("POST", "/v1/batches", body: Data(goodThenBad.utf8))
            #expect(Self.locs(refused) == [.array(loc("body", "requests", 0, "body"))])
            let goodThenEmpty = #"{"requests":[\#(Self.item("a"))],"requests":[]}"#
            #expect(Self.locs(try await harness.call("POST", "/v1/batches", body: Data(goodThenEmpty.utf8)))
                == [.array(loc("body", "requests"))])
        }
    }

    /// Canonically equivalent custom_ids are different ids (Mesh compares code points): "café" in
    /// NFC and NFD, the Kelvin sign and K, Å as one code point and as A + ring. The 64 limit counts
    /// code points: 33 "e\u{301}" graphemes are 66 code points, refused; the same id byte for byte
    /// twice is still a duplicate.
    @Test func customIDsCompareAndCountByCodePoints() async throws {
        let harness = try await StandInHarness.start()
        try await withTeardown({ await harness.stop() }) { try await Self.checkCodePointIDs(harness) }
    }

    private static func checkCodePointIDs(_ harness: StandInHarness) async throws {
        let ids = ["caf\u{E9}", "cafe\u{301}", "\u{212A}", "K", "\u{C5}", "A\u{30A}"]
        let body: JSONValue = .object(["requests": .array(ids.map { id in
            .object(["custom_id": .string(id), "body": .object(["model": .string("openai/gpt-4o-mini"), "messages": .array([])])])
        })])
        let accepted = try await harness.create(body)
        #expect(accepted.status == 200, "\(String(decoding: accepted.body, as: UTF8.self))")
        #expect(accepted.batch?.requestCounts?.total == 6)
        let same: JSONValue = .object(["requests": .array(["cafe\u{301}", "cafe\u{301}"].map { id in
            .object(["custom_id": .string(id), "body": .object(["model": .string("openai/gpt-4o-mini")])])
        })])
        let duplicate = try await harness.create(same)
        #expect(duplicate.status == 422 && Self.locs(duplicate) == [.array(loc("body", "requests", 1, "custom_id"))])
        let marks = String(repeating: "e\u{301}", count: 33)
        let long: JSONValue = .object(["requests": .array([
            .object(["custom_id": .string(marks), "body": .object(["model": .string("openai/gpt-4o-mini")])])])])
        let tooLong = try await harness.create(long)
        #expect(tooLong.status == 422 && Self.locs(tooLong) == [.array(loc("body", "requests", 0, "custom_id"))])
    }
}
