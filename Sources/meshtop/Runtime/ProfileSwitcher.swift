import MeshAPI

/// Builds a client for a config.toml profile when the person switches profiles in the dashboard.
/// Answers the client and the header's endpoint label; throws with a message in words.
typealias ProfileSwitcher = @Sendable (_ profile: String) async throws -> (api: any BatchAPI, label: String)
