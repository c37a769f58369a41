import Foundation

/// What ended, failed, was cancelled or refused while the dashboard ran, oldest first, at most
/// `capacity` entries: a dashboard left open for weeks keeps the latest, not all of them.
public struct EventLog: Hashable, Sendable {
    public private(set) var entries: [LoggedEvent] = []
    /// Enough for days of a busy team (ten slots), a few hundred kilobytes at most.
    public static let capacity = 1_000

    public init() {}

    public mutating func append(_ event: LoggedEvent) {
        entries.append(event)
        if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
    }
}
