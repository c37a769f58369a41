import Foundation
import MeshAPI
import Synchronization

/// The encoded JSON of terminal batches (without results), kept in memory. A terminal batch never
/// changes again, so list pages — the endpoint every dashboard polls — splice cached bytes instead
/// of decoding and re-encoding the same hundred objects on every request.
final class TerminalBatchJSONCache: Sendable {
    private let entries = Mutex<[String: Data]>([:])

    func cached(id: String) -> Data? {
        entries.withLock { $0[id] }
    }

    /// Encodes `batch` (results stripped, as in list pages) and remembers it when it is terminal.
    func encode(_ batch: Batch) throws -> Data {
        var listed = batch
        listed.results = nil
        let data = try JSONText.encoder().encode(listed)
        if batch.isTerminal { entries.withLock { $0[batch.id] = data } }
        return data
    }
}
