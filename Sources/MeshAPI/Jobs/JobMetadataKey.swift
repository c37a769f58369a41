/// The metadata keys that say where a batch came from: `meshtop jobs` writes them on every batch
/// it sends (and finds a lost create by them), `batches retry` writes `retryOf`, and the
/// dashboard's list reads them. Here, in MeshAPI, because the dashboard never imports MeshJobs.
public enum JobMetadataKey {
    /// The id of the job whose batch this is.
    public static let job = "meshtop_job"
    /// The chunk of that job (1, 2, ...).
    public static let chunk = "meshtop_chunk"
    /// Which attempt of its chunk (1, then 2 for the first retry, ...).
    public static let attempt = "meshtop_attempt"
    /// Set by `batches retry` on the batch it makes: the id of the batch it retries.
    public static let retryOf = "retry_of"
}
