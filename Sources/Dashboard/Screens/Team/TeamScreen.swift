import Foundation

/// The team overview (`T`): every profile of config.toml with its owner's slots, polled gently —
/// one list page per profile at most every `pollSeconds` — so the quota of every key can be watched
/// at once. The current profile's row reads the live mirror instead.
public struct TeamScreen: Hashable, Sendable {
    public var rows: [TeamRow]
    public var scroll = ScrollState.selecting

    /// Seconds between two list pages of one profile.
    public static let pollSeconds: Double = 30

    public init(profiles: [String]) {
        rows = profiles.map(TeamRow.init)
    }
}
