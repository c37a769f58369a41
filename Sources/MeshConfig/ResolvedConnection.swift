import MeshAPI

/// Where to connect and with which key, after the environment, the flags and the config file are
/// weighed. `description` leaves the key out.
public struct ResolvedConnection: Sendable, CustomStringConvertible {
    public var baseURL: String
    public var apiKey: String
    /// The profile used, or nil when the key came from `MESH_API_KEY`.
    public var profile: String?
    /// Where the key came from, in words for messages: "MESH_API_KEY", "profile work (key_command)".
    /// Never the key itself.
    public var keySource: String
    /// Where the base URL came from: "--base-url", "MESH_API_BASE_URL", "profile work", "the default".
    public var baseURLSource: String

    public init(baseURL: String, apiKey: String, profile: String?, keySource: String? = nil,
                baseURLSource: String = "the default")
    {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.profile = profile
        self.keySource = keySource ?? profile.map { "profile \($0)" } ?? "MESH_API_KEY"
        self.baseURLSource = baseURLSource
    }

    public var description: String {
        "\(baseURL) (\(profile.map { "profile \($0)" } ?? "MESH_API_KEY"))"
    }

    /// A client configuration for this connection with default timeouts and retries.
    public func clientConfiguration() -> MeshClientConfiguration {
        MeshClientConfiguration(baseURL: baseURL, apiKey: apiKey)
    }
}
