import GRDB
import MeshAPI

/// The stand-in's view of one stored batch: the wire `Batch` plus the owner it belongs to.
/// Read straight from a `batches` row.
struct BatchRecord: Sendable {
    var owner: String
    var batch: Batch

    init(row: Row) {
        owner = row["owner"]
        let counts = RequestCounts(total: row["total"], completed: row["completed"], failed: row["failed"])
        batch = Batch(
            id: row["id"], object: "batch", endpoint: "/v1/chat/completions", model: row["model"],
            provider: row["provider"], status: BatchStatus(rawValue: row["status"]),
            completionWindow: row["completion_window"], createdAt: row["created_at"],
            inProgressAt: row["in_progress_at"], expiresAt: row["expires_at"], finalizingAt: row["finalizing_at"],
            completedAt: row["completed_at"], failedAt: row["failed_at"], expiredAt: row["expired_at"],
            cancellingAt: row["cancelling_at"], cancelledAt: row["cancelled_at"], requestCounts: counts,
            metadata: JSONText.decode([String: JSONValue].self, from: row["metadata"]),
            usageSynced: false, inputFileID: nil, outputFileID: nil, errorFileID: nil,
            errorsDetail: JSONText.decode([BatchErrorDetail].self, from: row["errors_detail"]) ?? [],
            results: nil)
    }
}
