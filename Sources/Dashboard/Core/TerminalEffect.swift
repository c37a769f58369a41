/// Things done to the terminal or the process.
public enum TerminalEffect: Hashable, Sendable {
    case bell
    /// Load and apply this theme -> `.themeApplied` / `.themeFailed`.
    case setTheme(name: String)
    /// Rebuild the client for this config.toml profile -> `.profileSwitched` / `.profileSwitchFailed`.
    case switchProfile(name: String)
    /// Write `copy.sequence` (OSC 52) to the terminal: its clipboard gets the text. Not answered.
    case copy(ClipboardCopy)
    /// Remember these settings in the state folder (written atomically, 0600). Not answered.
    case saveSettings(DashboardSettings)
    /// Restore the terminal and exit 0.
    case quit
}
