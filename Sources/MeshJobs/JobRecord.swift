import Foundation
import MeshAPI

/// What a runner needs of a job's row.
struct JobRecord: Sendable {
    var id: String
    var name: String
    var state: JobState
    var settings: JobSettings
    var maxAttempts: Int
    var cancelRequested: Bool
    var total: Int
}

/// One attempt that is not over yet (queued, sending or live), with the chunk's model.
struct OpenAttempt: Sendable, Hashable {
    var chunk: Int
    var number: Int
    var phase: JobAttempt.Phase
    var batchID: String?
    var itemCount: Int
    var model: String

    /// A chunk and attempt number: what a batch's metadata names.
    struct Slot: Hashable, Sendable {
        var chunk: Int
        var attempt: Int
    }

    var slot: Slot { Slot(chunk: chunk, attempt: number) }
}

/// One item's latest result as the runner hands it to the journal: the result's JSON text (as
/// the server sent it) and the decoded value the retry rule reads.
struct ReturnedResult: Sendable {
    var text: String
    var result: BatchResult
}
