import Foundation
import MeshAPI
import Testing

/// Metadata is limited as OpenAI limits it (16 pairs, keys up to 64 characters, values up to 512),
/// each refusal a 422 at its own `loc`; at the limits exactly a create is accepted and its metadata
/// comes back whole. 10,000 keys or a 10 MiB value used to be stored and then served in every list
/// page of the team, past the client's 8 MiB cap.
@Suite struct MetadataLimitTests {
    static func body(metadata: [String: JSONValue]) -> JSONValue {
        guard case .object(var root) = StandInHarness.batchBody(count: 1) else { return .null }
        root["metadata"] = .object(metadata)
        return .object(root)
    }

    static func locs(_ reply: StandInHarness.Reply) -> [JSONValue] {
        reply.json["detail"]?.arrayValue?.compactMap { $0["loc"] } ?? []
    }

    @Test func metadataPastOpenAIsLimitsIsRefusedAtItsLoc() async throws {
        let harness = try await StandInHarness.start()
        let seventeen = Dictionary(uniqueKeysWithValues: (0..<17).map { ("k\($0)", JSONValue.string("v")) })
        let tooMany = try await harness.create(Self.body(metadata: seventeen))
        #expect(tooMany.status == 422)
        #expect(Self.locs(tooMany) == [.array(loc("body", "metadata"))])

        let longKey = String(repeating: "k", count: 65)
        let keyed = try await harness.create(Self.body(metadata: [longKey: .string("v")]))
        #expect(keyed.status == 422)
        #expect(Self.locs(keyed) == [.array(loc("body", "metadata", String(repeating: "k", count: 64) + "…"))])

        let valued = try await harness.create(Self.body(metadata: ["project": .string(String(repeating: "v", count: 513))]))
        #expect(valued.status == 422)
        #expect(Self.locs(valued) == [.array(loc("body", "metadata", "project"))])
        // A value that is not a string counts by its JSON text.
        let nested = JSONValue.array(Array(repeating: .string("0123456789"), count: 100))
        let big = try await harness.create(Self.body(metadata: ["blob": nested]))
        #expect(Self.locs(big) == [.array(loc("body", "metadata", "blob"))])
        // 10,000 keys: refused, and the answer stays small.
        let flood = Dictionary(uniqueKeysWithValues: (0..<10_000).map { ("key-\($0)", JSONValue.string("v")) })
        let flooded = try await harness.create(Self.body(metadata: flood))
        #expect(flooded.status == 422 && flooded.body.count < 16_384, "\(flooded.body.count) bytes")

        // Code points, not graphemes: 512 "e" + combining acute is 1,024 code points.
        let combining = String(repeating: "e\u{301}", count: 512)
        #expect(try await harness.create(Self.body(metadata: ["accent": .string(combining)])).status == 422)

        #expect(try await harness.call("GET", "/v1/batches").page?.data.isEmpty == true, "nothing refused was stored")
        await harness.stop()
    }

    @Test func metadataAtTheLimitsIsAcceptedWhole() async throws {
        let harness = try await StandInHarness.start()
        let full = Dictionary(uniqueKeysWithValues: (0..<16).map { index in
            (String(format: "%02d", index) + String(repeating: "k", count: 62), JSONValue.string(String(repeating: "v", count: 512)))
        })
        let created = try await harness.create(Self.body(metadata: full))
        #expect(created.status == 200)
        #expect(created.batch?.metadata == full)
        await harness.stop()
    }
}
