/// Things done to the terminal or the process.
public enum TerminalEffect: Hashable, Sendable {
    case bell
    /// Load and apply this theme -> `.themeApplied` / `.themeFailed`.
    case setTheme(name: String)
    /// Rebuild the client for this config.toml profile -> `.profileSwitched` / `.profileSwitchFailed`.
    case switchProfile(name: String)
    /// Restore the terminal and exit 0.
    case quit
}
