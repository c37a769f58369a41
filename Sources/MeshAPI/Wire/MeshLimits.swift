/// The limits of mesh-api.md, in one place for everything that checks or shows them: the client's
/// input checks, the stand-in's validation, `meshtop jobs`, and the dashboard's quota. Each was
/// once spelled in two to four targets, free to drift apart.
public enum MeshLimits {
    /// An owner's non-terminal batches before a create is refused with 429 `batch_limit_exceeded`. [Mesh]
    public static let liveBatchesPerOwner = 10
    /// Requests in one batch. [Mesh]
    public static let requestsPerBatch = 50_000
    /// A `custom_id`'s length, in code points. [Mesh]
    public static let customIDLength = 64
    /// Metadata pairs on a batch, a key's length and a value's (code points), as OpenAI's.
    /// Without them, 10,000 keys or a 10 MiB value went into every list page the owner's team
    /// polls, past the client's 8 MiB cap. [choice]
    public static let metadataKeys = 16
    public static let metadataKeyLength = 64
    public static let metadataValueLength = 512
}
