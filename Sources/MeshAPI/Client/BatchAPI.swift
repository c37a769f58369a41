/// The calls the dashboard and the commands make. `MeshClient` is the real one; the dashboard
/// depends only on this protocol. Every method throws `MeshError`.
public protocol BatchAPI: Sendable {
    /// One page of the owner's batches, newest first.
    func listBatches(after: String?, limit: Int) async throws -> BatchListPage
    /// One batch, with `results` once it is terminal (read from `output_file_id` when that is all it has).
    func getBatch(id: String) async throws -> Batch
    /// One batch with its results (when it has them) written to `spool` as they arrive and kept
    /// only as summaries: what the dashboard uses, so a large batch costs megabytes, not hundreds.
    func getBatchSpooled(id: String, into spool: ResultSpool) async throws -> SpooledBatch
    /// Asks for a cancel; answers the batch as it is now (normally `cancelling`).
    func cancelBatch(id: String) async throws -> Batch
    /// Creates a batch. Never retried on its own: a lost answer is `MeshError.Kind.outcomeUnknown`.
    func createBatch(_ request: CreateBatchRequest) async throws -> Batch
    /// The model catalog (`GET /v1/models`).
    func listModels() async throws -> [ModelInfo]
    /// `GET /v1/balance`: nil when the server does not have it (404).
    func balanceUSD() async throws -> Double?
}
