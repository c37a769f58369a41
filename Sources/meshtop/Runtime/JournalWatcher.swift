import Dashboard
import Foundation
import MeshAPI
import MeshJobs

/// The Jobs screen's reads of the job journal, off the main queue: read-only (a WAL reader never
/// blocks a runner writing), the reader kept open between reads, and opened again once the journal
/// appears (a job started after the dashboard). Every read answers with exactly one action.
actor JournalWatcher {
    private let path: String
    private var reader: JobJournalReader?

    init(path: String = JobJournal.defaultPath()) {
        self.path = path
    }

    func perform(_ read: JournalRead) async -> Action {
        do {
            if reader == nil { reader = try JobJournalReader.open(at: path) }
            guard let reader else {
                return .jobsLoaded([], chunks: nil, of: nil, journalExists: false, at: Date())
            }
            let summaries = try await reader.summaries()
            var chunks: [JobChunk]?
            if let id = read.chunksOf, summaries.contains(where: { $0.id == id }) {
                chunks = try await reader.chunks(of: id)
            }
            return .jobsLoaded(summaries, chunks: chunks, of: read.chunksOf, journalExists: true, at: Date())
        } catch {
            // Opened again next time: the file may have been replaced.
            reader = nil
            return .jobsFailed(reason: (error as? JobJournalError)?.description ?? String(describing: error), at: Date())
        }
    }
}
