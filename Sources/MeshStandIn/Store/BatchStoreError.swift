import GRDB
import MeshAPI

/// What the store refuses or fails with, in its own words; the routes say it in HTTP
/// (`BatchRoutes.failure(for:)`), so the store knows nothing of statuses or envelopes.
enum BatchStoreError: Error, Equatable {
    /// The owner already has `active` non-terminal batches, at or past the limit it was given.
    case limitReached(active: Int)
    /// The batch has ended (`status`) and cannot be cancelled.
    case alreadyTerminal(BatchStatus)
    /// SQLite could not write: the disk is full (or failing). `cause` is SQLite's own words (its
    /// message and the statement, never the statement's arguments, which hold request bodies).
    case cannotWrite(cause: String)

    /// `error` as `cannotWrite` when it is SQLite saying the disk is full or failing; nil otherwise.
    static func storage(_ error: any Error) -> BatchStoreError? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode.primaryResultCode {
        case .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CANTOPEN: return .cannotWrite(cause: "\(error)")
        default: return nil
        }
    }
}
