/// Why the journal could not be opened or written. `description` is a whole sentence for the user.
public struct JobJournalError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// Not a SQLite file, damaged, or another application's database: refused, never changed.
        case unreadable
        /// Written by a newer meshtop (a schema this one does not know): refused, never changed.
        case newerSchema
        /// A write failed (a full disk, most often): the runner stops cleanly, `resume` goes on.
        case writeFailed
        /// No such job in the journal.
        case noSuchJob
    }

    public var kind: Kind
    public var description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
