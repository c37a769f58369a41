import MeshAPI

/// One walk of the owner's batch list, all pages: how many batches are live (the quota, every
/// teammate's included) and which of them are this job's, by their metadata.
struct ListWalk: Sendable {
    var ownerLive = 0
    var ours: [OpenAttempt.Slot: Batch] = [:]

    static func run(_ client: any BatchAPI, jobID: String) async throws -> ListWalk {
        var walk = ListWalk()
        for try await page in client.allBatchPages(limit: 100) {
            for batch in page.data {
                if !batch.isTerminal { walk.ownerLive += 1 }
                guard let metadata = batch.metadata, metadata[JobMetadataKey.job]?.stringValue == jobID,
                      let chunk = metadata[JobMetadataKey.chunk]?.stringValue.flatMap(Int.init),
                      let attempt = metadata[JobMetadataKey.attempt]?.stringValue.flatMap(Int.init) else { continue }
                walk.ours[OpenAttempt.Slot(chunk: chunk, attempt: attempt)] = batch
            }
        }
        return walk
    }
}
