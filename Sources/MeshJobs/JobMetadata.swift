import MeshAPI

/// The user's `--metadata` for a job's batches, checked before anything is sent: the batches also
/// carry the job's own three keys (`JobMetadataKey`: job, chunk, attempt), which are what makes a
/// create safe to lose (after a crash, an attempt still "sending" is looked for among the owner's
/// batches by them). Mesh's metadata limits (`MeshLimits`) leave the user 13 keys.
public enum JobMetadata {
    public static let maxKeys = MeshLimits.metadataKeys
    public static let maxKeyLength = MeshLimits.metadataKeyLength
    public static let maxValueLength = MeshLimits.metadataValueLength
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
