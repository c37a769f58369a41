import Foundation
import MeshAPI

/// What the command line and config.toml decide before the dashboard starts.
///
///     let options = DashboardOptions(endpointLabel: "work (https://api.mesh.example)", readonly: true)
public struct DashboardOptions: Hashable, Sendable {
    /// Shown in the header: the profile name and/or base URL.
    public var endpointLabel: String
    /// The current profile, when config.toml has profiles.
    public var profileName: String?
    /// Every profile in config.toml, in order; `P` cycles through them.
    public var profiles: [String]
    /// Each profile's base URL as it will be used (config.toml's, the default, or `--base-url`),
    /// for the team overview. Read from the config, so no key is resolved for it.
    public var profileBaseURLs: [String: String] = [:]
    /// `--readonly`: no cancel.
    public var readonly: Bool
    /// `--bell`: ring when a watched batch ends.
    public var bell: Bool
    /// Theme names available; `t` cycles through them.
    public var themes: [String]
    public var themeName: String
    /// Times are shown in this zone (injected so tests are deterministic).
    public var clockZone: ClockZone
    /// The owner's non-terminal batch limit (Mesh: 10).
    public var quotaLimit: Int
    /// How many item summaries, of all batches together, stay loaded. Beyond it the batches whose
    /// items were looked at longest ago give theirs up (and their spool space); opening one fetches
    /// them again. A pane left open for weeks would otherwise keep every result it ever saw.
    /// 100,000 (two batches of Mesh's largest size) is about 20 MB of summaries.
    public var keptResultItems: Int
    /// `--once`: the frame is a screen grab printed to stdout, not a screen to work in: no selection
    /// mark, no key footer (no keys will be read), and no blank rows padding it to a terminal's height.
    public var screenGrab = false

    public init(endpointLabel: String, profileName: String? = nil, profiles: [String] = [],
                readonly: Bool = false, bell: Bool = false,
                themes: [String] = ["default"], themeName: String = "default",
                clockZone: ClockZone = .system, quotaLimit: Int = MeshLimits.liveBatchesPerOwner, keptResultItems: Int = 100_000) {
        self.endpointLabel = endpointLabel
        self.profileName = profileName
        self.profiles = profiles
        self.readonly = readonly
        self.bell = bell
        self.themes = themes
        self.themeName = themeName
        self.clockZone = clockZone
        self.quotaLimit = quotaLimit
        self.keptResultItems = keptResultItems
    }
}
