import Foundation

/// One profile of config.toml on the team overview: what its first list page said of its quota.
public struct TeamRow: Hashable, Sendable {
    public enum Reading: Hashable, Sendable {
        /// Not asked yet, or the first answer is on its way.
        case waiting
        case answered(at: Date)
        case failed(words: String, kind: ConnectionFailure.Kind, at: Date)
    }

    public var profile: String
    /// Non-terminal batches on the profile's first list page: its slots used.
    public var active: Int?
    /// The first page had more behind it: an old batch still running further back would not be counted.
    public var morePages = false
    public var reading: Reading = .waiting
    /// When this profile was last asked (at most once per `TeamScreen.pollSeconds`).
    public var askedAt: Date?
    public var asking = false

    public init(profile: String) {
        self.profile = profile
    }
}
