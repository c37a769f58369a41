/// The metadata keys that tie a batch to its job, chunk and attempt. They are what makes a create
/// safe to lose: after a crash, an attempt still "sending" is looked for among the owner's batches
/// by these three values before anything is sent again. Mesh (like OpenAI) allows 16 keys of at
/// most 64 characters with values of at most 512: three are ours, 13 are the user's.
public enum JobMetadata {
    public static let job = "meshtop_job"
    public static let chunk = "meshtop_chunk"
    public static let attempt = "meshtop_attempt"
    /// Set by `batches retry` on the batch it makes: the id of the batch it retries.
    public static let retryOf = "retry_of"

    public static let maxKeys = 16
    public static let maxKeyLength = 64
    public static let maxValueLength = 512
    public static let userKeys = maxKeys - 3

    /// Why `metadata` cannot go with a job's batches, or nil when it can.
    public static func problem(with metadata: [String: String], reservedKeys: Int = 3) -> String? {
        if metadata.count > maxKeys - reservedKeys {
            return "at most \(maxKeys - reservedKeys) --metadata entries (Mesh allows \(maxKeys) keys; meshtop uses \(reservedKeys))"
        }
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            if key.hasPrefix("meshtop_") { return "--metadata key \(key): keys starting meshtop_ are meshtop's own" }
            if key.unicodeScalars.count > maxKeyLength { return "--metadata key \(key.prefix(20))… is longer than \(maxKeyLength) characters" }
            if value.unicodeScalars.count > maxValueLength { return "--metadata \(key): the value is longer than \(maxValueLength) characters" }
        }
        return nil
    }
}
