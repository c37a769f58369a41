/// The metadata keys that say where a batch came from, as the list reads them. They are
/// MeshJobs' `JobMetadata` keys, spelled here because the Dashboard never imports MeshJobs.
enum BatchOrigin {
    /// The id of the job whose batch this is.
    static let job = "meshtop_job"
    /// Which attempt of its chunk (1, then 2 for the first retry, ...).
    static let attempt = "meshtop_attempt"
    /// Set by `batches retry`: the id of the batch it retries.
    static let retryOf = "retry_of"
}
