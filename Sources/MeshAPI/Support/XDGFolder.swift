import Foundation

/// meshtop's own folder under one of the XDG base directories: the variable when it is set and
/// not empty, else its default under `$HOME`. Every place that reads or writes outside the
/// current directory asks here, so they agree on where `$HOME` is and on empty variables.
///
///     XDGFolder.config.path()   // "$XDG_CONFIG_HOME/meshtop" or "~/.config/meshtop"
public enum XDGFolder: Sendable {
    /// config.toml and the user's themes.
    case config
    /// The stand-in's database.
    case data
    /// The dashboard's log and its results spool.
    case state

    public func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let (variable, fallback) = switch self {
        case .config: ("XDG_CONFIG_HOME", ".config")
        case .data: ("XDG_DATA_HOME", ".local/share")
        case .state: ("XDG_STATE_HOME", ".local/state")
        }
        let base = environment[variable].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) + "/" + fallback
        return base + "/meshtop"
    }
}
