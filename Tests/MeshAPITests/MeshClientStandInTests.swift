import Foundation
import MeshAPI
import Testing
import MeshtopTestSupport

/// MeshClient against the real stand-in over loopback: paging, both error shapes, owners.
@Suite struct MeshClientStandInTests {
    @Test func pagesAsAnAsyncSequence() async throws {
        let harness = try await ClientHarness.start()
        for _ in 0..<7 { _ = try await harness.client.createBatch(ClientHarness.request(count: 1)) }
        var pages = 0
        var ids: [String] = []
        for try await page in harness.client.allBatchPages(limit: 3) {
            pages += 1
            ids += page.data.map(\.id)
        }
        await harness.stop()
        #expect(pages == 3)
        #expect(ids.count == 7 && ids == ids.sorted(by: >))
    }

    @Test func validationShapeAndEnvelopeShapeBothRead() async throws {
        let harness = try await ClientHarness.start()
        let shape2 = await #expect(throws: MeshError.self) { try await harness.client.listBatches(after: nil, limit: 500) }
        let shape1 = await #expect(throws: MeshError.self) { try await harness.client.getBatch(id: "batch_none") }
        let model = await #expect(throws: MeshError.self) {
            try await harness.client.createBatch(ClientHarness.request(model: "nobody/nothing"))
        }
        await harness.stop()
        #expect(shape2?.status == 422 && shape2?.code == "validation_error")
        #expect(shape2?.message.contains("limit") == true, "\(String(describing: shape2))")
        #expect(shape2?.details != nil)
        #expect(shape1?.status == 404 && shape1?.code == "not_found" && shape1?.requestID != nil)
        #expect(model?.status == 404 && model?.code == "model_not_found")
    }

    @Test func anotherOwnersBatchIsNotFound() async throws {
        let harness = try await ClientHarness.start()
        let batch = try await harness.client.createBatch(ClientHarness.request())
        let other = MeshClient(configuration: MeshClientConfiguration(
            baseURL: harness.server.baseURL, apiKey: "rsk_otherteamotherteamother01"))
        let error = await #expect(throws: MeshError.self) { try await other.getBatch(id: batch.id) }
        await other.shutdown()
        await harness.stop()
        #expect(error?.status == 404)
    }

    @Test func modelsAndBalanceDegradeQuietly() async throws {
        let harness = try await ClientHarness.start()
        let models = try await harness.client.listModels()
        let balance = try await harness.client.balanceUSD()
        await harness.stop()
        #expect(models.contains { $0.id == "openai/gpt-4o-mini" })
        _ = balance  // present or nil: both fine, never an error
    }
}
