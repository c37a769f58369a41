import MeshAPI

/// Where to connect and with which key, after the environment, the flags and the config file are
/// weighed. `description` leaves the key out.
public struct ResolvedConnection: Sendable, CustomStringConvertible {
    public var baseURL: String
    public var apiKey: String
    /// The profile used, or nil when the key came from `MESH_API_KEY`.
    public var profile: String?

    public init(baseURL: String, apiKey: String, profile: String?) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.profile = profile
    }

    public var description: String {
        "\(baseURL) (\(profile.map { "profile \($0)" } ?? "MESH_API_KEY"))"
    }

    /// A client configuration for this connection with default timeouts and retries.
    public func clientConfiguration() -> MeshClientConfiguration {
        MeshClientConfiguration(baseURL: baseURL, apiKey: apiKey)
    }
}
